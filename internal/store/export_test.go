package store

// SetAfterParticipant installs a function the scrubber calls after each
// participant's services (tests sample the heap there); nil removes it.
func SetAfterParticipant(f func()) { afterParticipant = f }
