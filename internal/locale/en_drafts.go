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
	})
}
