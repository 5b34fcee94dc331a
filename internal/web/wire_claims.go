package web

// batchAcceptanceWire is the API's JSON answer to accepting a claim batch
// (store.BatchAcceptance), field for field, so a conversion moves it
// across and the two cannot drift apart unnoticed.
type batchAcceptanceWire struct {
	BatchID  int64 `json:"batch_id"`
	Accepted int   `json:"accepted"`
	Skipped  int   `json:"skipped"`
}
