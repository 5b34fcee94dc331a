package seed

// Names are made from short lists so a seeded agency reads like a real
// one; the index makes each pair, and the numbered Medicaid IDs keep
// people apart.
var (
	firstNames = []string{"Dana", "Luis", "Marcus", "Renee", "Tomas", "Keisha", "Priya", "Owen", "Grace", "Malik",
		"Sofia", "Jamal", "Hannah", "Diego", "Mei", "Andre", "Lena", "Victor", "Nadia", "Caleb", "Rosa", "Imani", "Ethan", "Yusuf"}
	lastNames = []string{"Whitfield", "Moreno", "Bell", "Alvarez", "Nguyen", "Okafor", "Patel", "Brennan", "Kim", "Jackson",
		"Rossi", "Haddad", "Lindqvist", "Carter", "Chen", "Dubois", "Mensah", "Novak", "Ortiz", "Singh", "Walker", "Yamada", "Zimmer"}
)

// name is the i-th name of the lists' product.
func name(i int) (first, last string) {
	return firstNames[i%len(firstNames)], lastNames[(i/len(firstNames))%len(lastNames)]
}
