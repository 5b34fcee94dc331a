package demo

// person is one row of the participants table. Everything that would go
// stale is relative to the day of loading: age (with born, the days before
// the last birthday, so birth dates vary while ages stay put) and since, the
// days ago the participant enrolled in the program of their state and joined
// the peer's caseload.
type person struct {
	key              string
	first, last      string
	preferred        string
	pronouns, gender string // gender is the administrative sex claims need: F, M or U
	age, born        int
	language         string
	phone            string // 555-01xx: the range set aside for fiction
	medicaidID       string // per-state shape; invented numbers
	line1, city, zip string
	state            string // the program's state, and the address's
	peer             string // staff key of the assigned peer
	since            int
	discharged       bool
}

// people are Riverbend's 25 participants: Dana's 8 and Jordan's 4 in North
// Carolina (Medicaid IDs of 9 digits and a letter), Sam's 7 in California
// (Medi-Cal: 8 digits and a letter) and Priya's 6 in New York (2 letters,
// 5 digits, a letter). The two discharged participants stay on their peer's
// caseload so the discharge plan and last notes can be shown.
var people = []person{
	// Dana Whitfield, Asheville, NC
	{"marcus", "Marcus", "Bell", "", "he/him", "M", 34, 41, "English", "(828) 555-0101", "946271835K",
		"155 Haywood Rd, Apt 4", "Asheville", "28806", "NC", "dana", 120, false},
	{"renee", "Renee", "Alvarez", "", "she/her", "F", 41, 200, "Spanish", "(828) 555-0102", "903518274M",
		"48 Brevard Rd", "Asheville", "28806", "NC", "dana", 730, false},
	{"toby", "Tobias", "Greene", "Toby", "he/him", "M", 23, 12, "English", "(828) 555-0103", "917364028B",
		"12 Depot St, Unit 2", "Asheville", "28801", "NC", "dana", 35, false},
	{"keisha", "Keisha", "Monroe", "", "she/her", "F", 52, 310, "English", "(828) 555-0104", "928451736C",
		"301 State St", "Black Mountain", "28711", "NC", "dana", 540, false},
	{"wren", "Wren", "Callahan", "", "they/them", "U", 27, 95, "English", "(828) 555-0105", "935127640D",
		"77 Main St, Apt B", "Weaverville", "28787", "NC", "dana", 210, false},
	{"harold", "Harold", "Pritchett", "", "he/him", "M", 67, 150, "English", "(828) 555-0106", "941870253E",
		"9 Old US 70", "Swannanoa", "28778", "NC", "dana", 700, false},
	{"lucia", "Lucía", "Ortega", "", "she/her", "F", 19, 60, "Spanish", "(828) 555-0107", "952603718F",
		"420 Kenilworth Rd", "Asheville", "28803", "NC", "dana", 28, false},
	{"darnell", "Darnell", "Hayes", "", "he/him", "M", 45, 280, "English", "(828) 555-0108", "960384157G",
		"18 Merrimon Ave", "Asheville", "28804", "NC", "dana", 300, false},

	// Jordan Ellis (part-time), Henderson, McDowell and Haywood counties, NC
	{"beatriz", "Beatriz", "Santos", "Bia", "she/her", "F", 38, 175, "Portuguese", "(828) 555-0109", "973160482H",
		"640 Kanuga Rd", "Hendersonville", "28739", "NC", "jordan", 400, false},
	{"eli", "Elijah", "Sutton", "Eli", "he/him", "M", 29, 330, "English", "(828) 555-0110", "984027315J",
		"25 Church St", "Hendersonville", "28792", "NC", "jordan", 60, false},
	{"maggie", "Margaret", "Thornton", "Maggie", "she/her", "F", 58, 7, "English", "(828) 555-0111", "995813264L",
		"110 Garden St", "Marion", "28752", "NC", "jordan", 650, true},
	{"noah", "Noah", "Redcloud", "", "he/him", "M", 31, 222, "English", "(828) 555-0112", "907254831N",
		"83 Pigeon St", "Waynesville", "28786", "NC", "jordan", 90, false},

	// Sam Okafor, Sacramento County, CA
	{"jasmine", "Jasmine", "Tran", "", "she/her", "F", 26, 140, "Vietnamese", "(916) 555-0113", "91827364A",
		"2410 Florin Rd, Apt 12", "Sacramento", "95822", "CA", "sam", 180, false},
	{"miguel", "Miguel", "Herrera", "", "he/him", "M", 47, 18, "Spanish", "(916) 555-0114", "90372815B",
		"1550 Del Paso Blvd", "Sacramento", "95815", "CA", "sam", 720, false},
	{"destiny", "Destiny", "Cole", "", "she/her", "F", 21, 260, "English", "(916) 555-0115", "93615048C",
		"8700 Elk Grove Blvd", "Elk Grove", "95758", "CA", "sam", 30, false},
	{"bobby", "Robert", "Nakamura", "Bobby", "he/him", "M", 63, 88, "English", "(916) 555-0116", "92480731D",
		"3201 Freeport Blvd", "Sacramento", "95818", "CA", "sam", 450, false},
	{"alex", "Alejandra", "Romero", "Alex", "they/them", "U", 33, 305, "English", "(916) 555-0117", "95067213E",
		"900 West Capitol Ave", "West Sacramento", "95605", "CA", "sam", 250, false},
	{"fatima", "Fatima", "Haddad", "", "she/her", "F", 44, 51, "Arabic", "(916) 555-0118", "96701352F",
		"2030 Fair Oaks Blvd", "Sacramento", "95825", "CA", "sam", 95, false},
	{"curtis", "Curtis", "Lamb", "", "he/him", "M", 55, 190, "English", "(916) 555-0119", "94138620G",
		"10820 Folsom Blvd", "Rancho Cordova", "95670", "CA", "sam", 600, false},

	// Priya Raman, Capital Region, NY
	{"tunde", "Babatunde", "Adeyemi", "Tunde", "he/him", "M", 36, 115, "English", "(518) 555-0120", "KT48213R",
		"57 Central Ave", "Albany", "12206", "NY", "priya", 380, false},
	{"rosa", "Rosa", "Delgado", "", "she/her", "F", 50, 233, "Spanish", "(518) 555-0121", "MD20574S",
		"1410 State St", "Schenectady", "12307", "NY", "priya", 700, false},
	{"kayla", "Kayla", "Brennan", "", "she/her", "F", 24, 9, "English", "(518) 555-0122", "BR73920T",
		"210 4th St", "Troy", "12180", "NY", "priya", 45, false},
	{"will", "Hyun-woo", "Park", "Will", "he/him", "M", 39, 290, "Korean", "(518) 555-0123", "PH61845V",
		"88 Madison Ave", "Albany", "12203", "NY", "priya", 270, false},
	{"dolores", "Dolores", "Finch", "", "she/her", "F", 61, 163, "English", "(518) 555-0124", "FD39056W",
		"14 Remsen St", "Cohoes", "12047", "NY", "priya", 730, true},
	{"jamie", "Jamie", "Whitaker", "", "he/him", "M", 30, 72, "English", "(518) 555-0125", "WJ85127X",
		"33 Broadway", "Rensselaer", "12144", "NY", "priya", 150, false},
}
