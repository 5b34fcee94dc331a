package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

// TestWarmingWaitsOutsideTheLock: while warm waits for a connection of a
// full pool, a transaction holding one can still look its statements up
// (get), finish, and so let warm go on. With the lock held across the
// wait, every reader of a busy SQLite pool hung (seen as a store test
// stuck for ten minutes).
func TestWarmingWaitsOutsideTheLock(t *testing.T) {
	pool, err := sql.Open("sqlite", "file:"+filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer pool.Close()
	pool.SetMaxOpenConns(1)
	ctx := context.Background()
	s := newStatements(pool)
	tx, err := pool.BeginTx(ctx, nil) // holds the pool's only connection
	if err != nil {
		t.Fatal(err)
	}
	s.get("SELECT 1") // seen: warm will prepare it
	warmed := make(chan struct{})
	go func() { s.warm(ctx); close(warmed) }()
	for pool.Stats().WaitCount == 0 { // until warm waits for the connection
		runtime.Gosched()
	}
	looked := make(chan struct{})
	go func() { s.get("SELECT 2"); close(looked) }()
	select {
	case <-looked:
	case <-time.After(10 * time.Second): // a hang, not a speed: get takes microseconds
		t.Fatal("a transaction's statement lookup waits for warm, which waits for the transaction's connection")
	}
	tx.Rollback()
	<-warmed
	if s.get("SELECT 1") == nil {
		t.Fatal("the statement seen was not kept")
	}
}
