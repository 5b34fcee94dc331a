package main

import "testing"

// TestBenchDealsWritersRoundTheAgencies: with --agencies N every writer is
// a distinct seeded peer, and a load of N clients already writes in all N
// agencies (what lets the bench show agencies committing side by side).
func TestBenchDealsWritersRoundTheAgencies(t *testing.T) {
	for _, c := range []struct{ writers, agencies int }{{1, 1}, {32, 1}, {32, 4}, {8, 3}, {5, 5}} {
		used := map[[2]int]bool{}
		firstLoad := map[int]bool{}
		for i := range c.writers {
			k, j := benchWriter(i, c.agencies)
			if k < 0 || k >= c.agencies || j < 0 || j >= benchPeers(k, c.writers, c.agencies) {
				t.Fatalf("%d writers in %d agencies: writer %d is peer %d of agency %d, which has %d peers",
					c.writers, c.agencies, i, j, k, benchPeers(k, c.writers, c.agencies))
			}
			if used[[2]int{k, j}] {
				t.Fatalf("%d writers in %d agencies: writer %d shares peer %d of agency %d", c.writers, c.agencies, i, j, k)
			}
			used[[2]int{k, j}] = true
			if i < c.agencies {
				firstLoad[k] = true
			}
		}
		seeded := 0
		for k := range c.agencies {
			seeded += benchPeers(k, c.writers, c.agencies)
		}
		if seeded != c.writers || len(firstLoad) != c.agencies {
			t.Fatalf("%d writers in %d agencies: %d peers seeded, the first %d writers in %d agencies",
				c.writers, c.agencies, seeded, c.agencies, len(firstLoad))
		}
	}
}
