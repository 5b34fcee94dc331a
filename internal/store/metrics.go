package store

import (
	"sync/atomic"
	"time"
)

// Observer receives the store's timings for the metrics page; nil fields
// are skipped. Set it once, before serving (SetObserver).
type Observer struct {
	Tx          func(kind string, d time.Duration) // a transaction from begin to commit or rollback: "write" or "read"
	WriterWait  func(d time.Duration)              // waiting for the writer connection (SQLite) or a pooled one
	AuditAppend func(d time.Duration)              // chaining a transaction's audit events at commit
}

var observer atomic.Pointer[Observer]

// SetObserver installs o for every DB of the process (nil removes it).
func SetObserver(o *Observer) { observer.Store(o) }

func observeAuditAppend(d time.Duration) {
	if o := observer.Load(); o != nil && o.AuditAppend != nil {
		o.AuditAppend(d)
	}
}

func observeTx(kind string, d time.Duration) {
	if o := observer.Load(); o != nil && o.Tx != nil {
		o.Tx(kind, d)
	}
}

func observeWriterWait(d time.Duration) {
	if o := observer.Load(); o != nil && o.WriterWait != nil {
		o.WriterWait(d)
	}
}
