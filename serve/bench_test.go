package serve

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"

	gossh "golang.org/x/crypto/ssh"

	"crieur/store"
)

// BenchmarkSessionMemory measures what one more member's desk costs the
// server with 10,000 posts in the file: the heap after the sessions show
// their backlog, per session (budget: under 4 MB). The clients keep no
// screen of their own, so what is measured is the server's. Run it alone:
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
		var open []*gossh.Session
		for range sessions {
			open = append(open, lightDesk(b, tm.client(lea.name), "Publication 00000"))
		}
		after := heap()
		b.ReportMetric(float64(after-before)/sessions/(1<<20), "MB/session")
		for _, s := range open {
			s.Close()
		}
		tm.stop()
	}
}

// lightDesk opens a desk in an 80x24 terminal and waits until its output
// shows want, keeping only the last bytes it wrote.
func lightDesk(b *testing.B, c *gossh.Client, want string) *gossh.Session {
	b.Helper()
	sess, err := c.NewSession()
	if err != nil {
		b.Fatal(err)
	}
	sess.Setenv("LANG", "fr_FR.UTF-8")
	if err := sess.RequestPty("xterm-256color", 24, 80, gossh.TerminalModes{}); err != nil {
		b.Fatal(err)
	}
	out, _ := sess.StdoutPipe()
	if err := sess.Shell(); err != nil {
		b.Fatal(err)
	}
	seen := make(chan struct{})
	go func() {
		var tail bytes.Buffer
		buf := make([]byte, 32<<10)
		found := false
		for {
			n, err := out.Read(buf)
			if !found {
				tail.Write(buf[:n])
				if strings.Contains(tail.String(), want) {
					found = true
					close(seen)
				}
				if tail.Len() > 64<<10 {
					tail.Next(tail.Len() - 1024)
				}
			}
			if err != nil {
				if err != io.EOF && !found {
					close(seen)
				}
				return
			}
		}
	}()
	select {
	case <-seen:
	case <-time.After(30 * time.Second):
		b.Fatalf("the desk does not show %q", want)
	}
	return sess
}

func heap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse
}
