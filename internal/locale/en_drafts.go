package locale

// Messages of issue 13: forms that save themselves, the encrypted copy
// kept on the device, the offline page and the time-out that keeps work.
func init() {
	register(map[string]string{
		"drafts.unsaved":         "Changes not saved yet.",
		"drafts.saving":          "Saving…",
		"drafts.saved":           "All changes saved.",
		"drafts.saved_at":        "All changes saved at %s.",
		"drafts.offline":         "No connection. What you typed is kept on this phone, encrypted, and saves when you are back online.",
		"drafts.nocopy":          "No connection, and this browser cannot keep an encrypted copy here (it needs HTTPS). Keep this page open until it saves.",
		"drafts.failed":          "Not saved:",
		"drafts.signedout":       "Not saved: you are signed out. What you typed is kept on this phone; sign in again and open this page to save it.",
		"drafts.restored":        "Put back what you typed on this phone before; saving it now.",
		"drafts.kept":            "Kept the saved version; this phone's copy is deleted.",
		"drafts.conflict":        "This draft was saved on another device or tab after this phone kept its copy. Nothing was overwritten: choose which to keep.",
		"drafts.conflict.title":  "Two versions of this draft",
		"drafts.conflict.device": "Use this phone's copy",
		"drafts.conflict.server": "Keep the saved version",
		"drafts.conflict.intro":  "This phone kept:",
		"drafts.leave_unsaved":   "Something you typed is not saved yet and will be lost if you sign out now. Sign out anyway?",

		"offline.title":  "You are offline",
		"offline.intro":  "This page needs the connection. Anything you were typing in a note or group is kept on this phone, encrypted, and saves when you are back online.",
		"offline.copy":   "What you typed, kept on this phone (encrypted). Keep writing; it saves when you are back online.",
		"offline.locked": "Your session ended, so what you typed is locked on this phone until you sign in again. It is not lost.",
		"offline.none":   "Nothing typed on this page is kept on this phone.",
		"offline.retry":  "Try again",
		"offline.kept":   "Kept on this phone.",

		"presign.title":                "Fix before signing (%d)",
		"presign.intro":                "Signing would be refused for these reasons. Fix each one here; nothing is signed until they are all fixed.",
		"presign.then_sign":            "When everything above is fixed, this page offers the attestation and Sign.",
		"presign.other.group":          "It overlaps your group session “%s”, %s–%s.",
		"presign.other.note":           "It overlaps your service with %s, %s–%s.",
		"presign.fix.category":         "Save the type of service",
		"presign.fix.non_billable":     "Mark not billable",
		"presign.fix.times":            "Save the times",
		"presign.non_billable.default": "This payer does not pay for services to anyone other than the participant.",
		"presign.words.title":          "Hand the phone to %s",
		"presign.words.intro":          "%s can add their own words and type their name to show they saw the note. After signing, only an addendum can add to it.",
		"presign.words.name_when":      "needed when they add words",
	})
}
