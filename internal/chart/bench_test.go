package chart

import (
	"strconv"
	"testing"
)

// BenchmarkCharts draws a year of weeks as a line with three series and
// 50 peers as stacked bars with three series, with their tables.
//
//	go test ./internal/chart -run '^$' -bench . -benchmem
func BenchmarkCharts(b *testing.B) {
	weeks, peers := Chart{ID: "w", Title: "t", Desc: "d", Summary: "s", LabelHeader: "Week", Max: 1},
		Chart{ID: "p", Title: "t", Desc: "d", Summary: "s", LabelHeader: "Peer"}
	for i := range 52 {
		weeks.Labels = append(weeks.Labels, "Week "+strconv.Itoa(i))
	}
	for i := range 50 {
		peers.Labels = append(peers.Labels, "Peer specialist "+strconv.Itoa(i))
	}
	for s := range 3 {
		w, p := Series{Name: "S" + strconv.Itoa(s)}, Series{Name: "S" + strconv.Itoa(s)}
		for i := range 52 {
			w.Values = append(w.Values, float64((i*7+s*13)%100)/100)
		}
		for i := range 50 {
			p.Values = append(p.Values, float64((i*11+s*5)%40))
		}
		weeks.Series, peers.Series = append(weeks.Series, w), append(peers.Series, p)
	}
	b.Run("Line52Weeks", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = Line(weeks)
		}
	})
	b.Run("StackedBars50Peers", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			_ = StackedBars(peers)
		}
	})
}
