package store

import (
	"time"
)

// Observer receives the store's timings for the metrics page; nil fields
// are skipped. Set it once, before serving (DB.SetObserver).
type Observer struct {
	Tx          func(kind string, d time.Duration) // a transaction from begin to commit or rollback: "write" or "read"
	WriterWait  func(d time.Duration)              // waiting for the writer connection (SQLite) or a pooled one
	AuditAppend func(d time.Duration)              // chaining a transaction's audit events at commit
}

// SetObserver installs o for this DB (nil removes it). It belongs to the
// DB, not the process, so two servers in one process (tests, bench
// --servers) each count their own database's work.
func (db *DB) SetObserver(o *Observer) { db.observer.Store(o) }

func (db *DB) observeAuditAppend(d time.Duration) {
	if o := db.observer.Load(); o != nil && o.AuditAppend != nil {
		o.AuditAppend(d)
	}
}

func (db *DB) observeTx(kind string, d time.Duration) {
	if o := db.observer.Load(); o != nil && o.Tx != nil {
		o.Tx(kind, d)
	}
}

func (db *DB) observeWriterWait(d time.Duration) {
	if o := db.observer.Load(); o != nil && o.WriterWait != nil {
		o.WriterWait(d)
	}
}
