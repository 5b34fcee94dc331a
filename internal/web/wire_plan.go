package web

// planSignatureWire is the API's JSON shape of one signature on a plan
// (goldthread.PlanSignatureInput).
type planSignatureWire struct {
	Role     string `json:"role"`
	Name     string `json:"name"`
	Password string `json:"password"`
}
