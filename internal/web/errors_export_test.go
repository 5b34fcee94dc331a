package web

import "strconv"

// KindStatus is the status kindStatus gives kind, for the README check in
// package web_test.
func KindStatus(kind string) string { return strconv.Itoa(kindStatus[kind]) }
