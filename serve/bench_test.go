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
	"crieur/ui"
)

// benchPosts are the 10,000 posts of the team desk's benchmarks, newest
// first: "Publication 00000" tops the backlog.
func benchPosts() []store.Post {
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
	return posts
}

// BenchmarkSessionMemory measures what one more member's desk costs the
// server with 10,000 posts in the file: the heap after the sessions show
// their backlog, per session (budget: under 4 MB), and again once a post
// changed in one session has reached every other (MB/session-changed):
// the sessions share one index of the backlog, before a change and after.
// The clients keep no screen of their own, so what is measured is the
// server's. Run it alone:
//
//	go test -run '^$' -bench SessionMemory -benchtime 1x ./serve
func BenchmarkSessionMemory(b *testing.B) {
	posts := benchPosts()
	const sessions = 10
	for range b.N {
		tm := startTeam(b, []member{lea}, posts, nil)
		before := heap()
		var open []*gossh.Session
		for range sessions {
			open = append(open, lightDesk(b, tm.client(lea.name), "Publication 00000"))
		}
		after := heap()
		b.ReportMetric(float64(after-before)/sessions/(1<<20), "MB/session")

		p := firstPost(b, tm)
		p.Title = "Publication 00000 : chaussée rouverte"
		change(b, tm, p)
		time.Sleep(500 * time.Millisecond) // every session takes it
		b.ReportMetric(float64(heap()-before)/sessions/(1<<20), "MB/session-changed")
		for _, s := range open {
			s.Close()
		}
		tm.stop()
	}
}

// BenchmarkChangeReachesOthers: a post saved in one session of the team
// desk, on the screen of another, with ten sessions open on 10,000 posts
// (budget 100 ms): the save, the server passing the change to every other
// session, the other session's Update and View, and its terminal's
// output read back through SSH into a screen.
func BenchmarkChangeReachesOthers(b *testing.B) {
	tm, terms := teamOfTen(b)
	p := firstPost(b, tm)
	other := terms[len(terms)-1]
	i := 0
	for b.Loop() {
		i++
		p.Title = fmt.Sprintf("Publication 00000 : %s %d", []string{"chaussée rouverte", "travaux prolongés"}[i%2], i)
		p = change(b, tm, p)
		other.waitFast(p.Title)
	}
}

// BenchmarkKeyWithTenSessions: a key pressed on the backlog in one of ten
// sessions open on 10,000 posts, until the cursor shows on the next row
// in that member's terminal: the key through SSH, the session's Update
// and View, and the screen's update back.
func BenchmarkKeyWithTenSessions(b *testing.B) {
	_, terms := teamOfTen(b)
	me := terms[0]
	rows := []string{"Publication 00001", "Publication 00000"}
	i := 0
	for b.Loop() {
		me.press([]string{"j", "k"}[i%2])
		me.waitSelected(rows[i%2])
		i++
	}
}

// teamOfTen is the team desk with ten sessions of one member open on
// 10,000 posts, each showing its backlog.
func teamOfTen(b *testing.B) (*team, []*term) {
	b.Helper()
	tm := startTeam(b, []member{lea}, benchPosts(), nil)
	b.Cleanup(tm.stop)
	terms := make([]*term, 10)
	for i := range terms {
		terms[i] = tm.open(tm.client(lea.name), fmt.Sprintf("session %d", i))
		terms[i].wait("Publication 00000")
	}
	return tm, terms
}

// firstPost is the post on top of the backlog, as stored.
func firstPost(b *testing.B, tm *team) store.Post {
	b.Helper()
	bl, err := tm.st.Newest(1)
	if err != nil || len(bl.Posts) != 1 {
		b.Fatalf("no post on top: %v", err)
	}
	p, err := tm.st.Post(bl.Posts[0].ID())
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// change saves p as a session does and publishes it as that session's
// desk does (ui.Team): the first session open is the one that saves. It
// returns the post saved.
func change(b *testing.B, tm *team, p store.Post) store.Post {
	b.Helper()
	saved, err := tm.st.As(lea.name).SavePost(p)
	if err != nil {
		b.Fatal(err)
	}
	tm.srv.mu.Lock()
	var from *session
	for _, se := range tm.srv.sessions {
		if from == nil || se.id < from.id {
			from = se
		}
	}
	tm.srv.mu.Unlock()
	if from == nil {
		b.Fatal("no session open")
	}
	link{tm.srv, from}.Publish(ui.PostChanged{Post: saved, By: lea.name})
	return saved
}

// waitFast waits until the screen shows want, looking every half
// millisecond.
func (tr *term) waitFast(want string) {
	tr.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !strings.Contains(tr.text(), want) {
		if time.Now().After(deadline) {
			tr.t.Fatalf("%s's screen does not show %q:\n%s", tr.who, want, tr.text())
		}
		time.Sleep(500 * time.Microsecond)
	}
}

// waitSelected waits until the selected row (the one marked ▌) shows
// want.
func (tr *term) waitSelected(want string) {
	tr.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		for _, line := range strings.Split(tr.text(), "\n") {
			if strings.Contains(line, "▌") && strings.Contains(line, want) {
				return
			}
		}
		if time.Now().After(deadline) {
			tr.t.Fatalf("%s's selected row does not show %q:\n%s", tr.who, want, tr.text())
		}
		time.Sleep(500 * time.Microsecond)
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
