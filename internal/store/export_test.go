package store

// SetAfterParticipant installs a function the scrubber calls after each
// participant's services (tests sample the heap there); nil removes it.
func SetAfterParticipant(f func()) { afterParticipant = f }

// FaultOf names what classify reads in a driver's error ("" for none), for
// the driver error tests.
func FaultOf(err error) string {
	return map[fault]string{faultUnique: "unique", faultBusy: "busy", faultRetry: "retry", faultCheck: "check",
		faultForeignKey: "foreign key", faultNotNull: "not null"}[classify(err)]
}
