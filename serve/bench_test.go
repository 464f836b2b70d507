package serve

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"crieur/store"
)

// BenchmarkSessionMemory measures what one more member's desk costs the
// server with 10,000 posts in the file: the heap after the sessions show
// their backlog, per session (budget: under 4 MB). Run it alone:
//
//	go test -run '^$' -bench SessionMemory -benchtime 1x ./serve
func BenchmarkSessionMemory(b *testing.B) {
	posts := make([]store.Post, 10000)
	for i := range posts {
		posts[i] = store.Post{
			Title:    fmt.Sprintf("Publication %05d : travaux rue %d", i, i%300),
			Body:     "La rue est fermée à la circulation du lundi au vendredi ; déviation par le boulevard.",
			Link:     "https://www.valbourg.fr/travaux",
			Category: "practical", Status: store.StatusDraft,
			Created: time.Now().Add(-time.Duration(i) * time.Minute),
		}
	}
	const sessions = 8
	for range b.N {
		tm := startTeam(b, []member{lea}, posts, nil)
		before := heap()
		var desks []*term
		for range sessions {
			d := tm.open(tm.client(lea.name), lea.name)
			d.wait("Publication 00000")
			desks = append(desks, d)
		}
		after := heap()
		b.ReportMetric(float64(after-before)/sessions/(1<<20), "MB/session")
		for _, d := range desks {
			d.press("q")
			d.waitEnd()
		}
		tm.stop()
	}
}

func heap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}
