package store

import (
	"context"
	"database/sql"
	"sync"
)

// maxKeptStatements bounds the statements kept per pool: the store's
// queries are a few hundred fixed strings; a query built with a varying
// number of placeholders past the bound is simply prepared each time.
const maxKeptStatements = 1024

// statements keeps the prepared statements of one SQLite pool. SQLite
// (modernc) parses every statement anew otherwise, and parsing was a
// quarter of the CPU of signing a note; PostgreSQL's driver (pgx) keeps
// its own statement cache per connection, so it gets none.
type statements struct {
	pool    *sql.DB
	mu      sync.Mutex
	kept    map[string]*sql.Stmt
	pending map[string]bool // seen in a transaction, to prepare once it ends
}

func newStatements(pool *sql.DB) *statements {
	return &statements{pool: pool, kept: map[string]*sql.Stmt{}, pending: map[string]bool{}}
}

// get returns q prepared on the pool, or nil the first time q is seen (the
// caller then runs q unprepared, and warm prepares it later).
//
// A statement is prepared on the pool, not on the transaction's
// connection, so it outlives the transaction: Tx.StmtContext reuses it
// on a connection where it is already prepared. It cannot be prepared
// while the transaction runs: the SQLite writer pool has one connection,
// which the transaction holds.
func (s *statements) get(q string) *sql.Stmt {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st, ok := s.kept[q]; ok {
		return st
	}
	if len(s.kept)+len(s.pending) < maxKeptStatements {
		s.pending[q] = true
	}
	return nil
}

// warm prepares the statements seen since the last call; runTx calls it
// after a transaction has given its connection back. Preparing waits for
// a free connection of the pool, so it runs without the lock: the
// transactions holding the connections call get, and would wait for the
// lock while warm waited for their connections (every reader stuck).
func (s *statements) warm(ctx context.Context) {
	s.mu.Lock()
	qs := make([]string, 0, len(s.pending))
	for q := range s.pending {
		delete(s.pending, q)
		qs = append(qs, q)
	}
	s.mu.Unlock()
	for _, q := range qs {
		st, err := s.pool.PrepareContext(context.WithoutCancel(ctx), q)
		if err != nil {
			continue
		}
		s.mu.Lock()
		if _, ok := s.kept[q]; ok {
			st.Close() // another warm prepared it meanwhile
		} else {
			s.kept[q] = st
		}
		s.mu.Unlock()
	}
}

// close closes every kept statement.
func (s *statements) close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for q, st := range s.kept {
		st.Close()
		delete(s.kept, q)
	}
}

// statementsOf returns the statement cache of pool (nil on PostgreSQL).
func (db *DB) statementsOf(pool *sql.DB) *statements {
	switch {
	case db.Engine != SQLite:
		return nil
	case pool == db.writer:
		return db.writerStmts
	default:
		return db.readerStmts
	}
}
