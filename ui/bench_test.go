package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"sync"
	"testing"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"crieur/settings"
	"crieur/store"
	"crieur/store/storetest"
)

var benchSizes = []int{1_000, 10_000, 100_000}

// benchFiles holds one populated data file per size for the whole run:
// building 100,000 posts takes seconds, measuring them milliseconds.
var benchFiles struct {
	sync.Mutex
	dir   string
	paths map[int]string
}

func benchFile(b *testing.B, n int) string {
	b.Helper()
	benchFiles.Lock()
	defer benchFiles.Unlock()
	if benchFiles.paths == nil {
		dir, err := os.MkdirTemp("", "crieur-ui-bench-")
		if err != nil {
			b.Fatal(err)
		}
		benchFiles.dir, benchFiles.paths = dir, map[int]string{}
	}
	if p, ok := benchFiles.paths[n]; ok {
		return p
	}
	p := filepath.Join(benchFiles.dir, fmt.Sprintf("crieur-%d.db", n))
	storetest.Populate(b, p, n)
	benchFiles.paths[n] = p
	return p
}

func TestMain(m *testing.M) {
	code := m.Run()
	if benchFiles.dir != "" {
		os.RemoveAll(benchFiles.dir)
	}
	os.Exit(code)
}

// openDesk is the desk's cold start: open the file, load the backlog, draw
// the first frame. It starts, as the program does, with Go's default
// collector setting, and lowers it once the backlog is on screen, as the
// program's Settle does (main's settleMemory), without the return of
// memory to the system that follows there.
func openDesk(b *testing.B, path string) (Model, *store.Store) {
	debug.SetGCPercent(100)
	st, err := store.Open(path, store.Options{Now: storetest.Now})
	if err != nil {
		b.Fatal(err)
	}
	m := New(Config{Store: st, Settings: settings.Default(), Lang: "fr", Now: storetest.Now, Autosave: -1})
	next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	m = next.(Model)
	next, _ = m.Update(m.loadCmd()())
	m = next.(Model)
	_ = m.View()
	debug.SetGCPercent(20)
	return m, st
}

// BenchmarkColdStart: the whole backlog read and drawn, as the desk reads
// it in the background once its first frame shows (FirstRows, the
// design's cold start).
func BenchmarkColdStart(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("posts=%d", n), func(b *testing.B) {
			path := benchFile(b, n)
			b.ReportAllocs()
			for b.Loop() {
				m, st := openDesk(b, path)
				if len(m.backlog.posts) != n {
					b.Fatalf("%d posts loaded", len(m.backlog.posts))
				}
				st.Close()
			}
		})
	}
}

// BenchmarkFirstRows: from opening the file to the first rows drawn, as
// the program starts: the newest posts read and drawn, the rest of the
// backlog still to be read in the background. This is the design's cold
// start: budget 50 ms with 100,000 posts, and 100,000 posts within 1.5
// times 1,000.
func BenchmarkFirstRows(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("posts=%d", n), func(b *testing.B) {
			path := benchFile(b, n)
			b.ReportAllocs()
			for b.Loop() {
				debug.SetGCPercent(100)
				st, err := store.Open(path, store.Options{Now: storetest.Now})
				if err != nil {
					b.Fatal(err)
				}
				m := New(Config{Store: st, Settings: settings.Default(), Lang: "fr", Now: storetest.Now, Autosave: -1})
				next, _ := m.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
				m = next.(Model)
				next, _ = m.Update(m.firstRowsCmd()())
				m = next.(Model)
				_ = m.View()
				if len(m.backlog.view) == 0 || !m.backlog.partial {
					b.Fatalf("%d rows first", len(m.backlog.view))
				}
				st.Close()
			}
		})
	}
}

// BenchmarkBacklogKey: budget 1 ms for a key press (Update and View) with
// 100,000 posts. The cursor goes down and up so it stays mid-list.
func BenchmarkBacklogKey(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("posts=%d", n), func(b *testing.B) {
			m, st := openDesk(b, benchFile(b, n))
			defer st.Close()
			m.backlog.cursor = n / 2
			keys := []tea.KeyPressMsg{{Code: 'j', Text: "j"}, {Code: 'k', Text: "k"}}
			pressInTurn(b, m, keys...)
		})
	}
}

// BenchmarkFilterKeystroke: budget 2 ms for one keystroke in the filter
// with 100,000 posts. Each round types a letter and erases it. "first" is
// the dearest keystroke, the first letter, which reads every post's key;
// "fifth" narrows the matches of four letters.
func BenchmarkFilterKeystroke(b *testing.B) {
	for _, typed := range []string{"", "p", "pisc"} {
		name := map[string]string{"": "first", "p": "second", "pisc": "fifth"}[typed]
		for _, n := range benchSizes {
			b.Run(fmt.Sprintf("%s/posts=%d", name, n), func(b *testing.B) {
				benchFilter(b, n, typed)
			})
		}
	}
}

func benchFilter(b *testing.B, n int, typed string) { benchFiltering(b, n, typed, false) }

func benchFilterResults(b *testing.B, n int, typed string) { benchFiltering(b, n, typed, true) }

func benchFiltering(b *testing.B, n int, typed string, results bool) {
	m, st := openDesk(b, benchFile(b, n))
	defer st.Close()
	next, _ := m.Update(tea.KeyPressMsg{Code: '/', Text: "/"})
	m = next.(Model)
	// Opening the filter signs the keys in the background, done before a
	// person types the first letter.
	next, _ = m.Update(m.backlog.signCmd()())
	m = next.(Model)
	if !m.backlog.signed() {
		b.Fatal("the keys are not signed")
	}
	for _, r := range typed {
		m = settle(m, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	keys := []tea.KeyPressMsg{{Code: 'i', Text: "i"}, {Code: tea.KeyBackspace}}
	if results {
		i := 0
		b.ReportAllocs()
		for b.Loop() {
			m = settle(m, keys[i%len(keys)])
			_ = m.View()
			i++
		}
	} else {
		m = pressInTurn(b, m, keys...)
	}
	if len(m.backlog.view) == 0 {
		b.Fatal("the filter matched nothing")
	}
}

// BenchmarkFilterResults: the time from a letter typed in the filter to
// its matches on screen, the command that matches a large query included
// (FilterKeystroke measures the key press alone).
func BenchmarkFilterResults(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("second/posts=%d", n), func(b *testing.B) {
			benchFilterResults(b, n, "p")
		})
	}
}

// settle feeds msg to the desk and then what the filter's commands answer,
// as the program would a moment later.
func settle(m Model, msg tea.Msg) Model {
	next, cmd := m.Update(msg)
	m = next.(Model)
	for _, out := range execute(cmd) {
		if f, ok := out.(filteredMsg); ok {
			next, _ = m.Update(f)
			m = next.(Model)
		}
	}
	return m
}

// BenchmarkPreview: budget 1 ms for the phone preview of a post of about
// 1,500 characters once warm: for a text that changed, the outgoing
// message built, the checks run and the phone drawn, as the editor does
// after every key. Each round changes the end of the text, so the phone is
// drawn anew, never taken from its cache.
func BenchmarkPreview(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("posts=%d", n), func(b *testing.B) {
			m, st := openDesk(b, benchFile(b, n))
			defer st.Close()
			p := longestPost(b, m, st)
			m.openEditor(openedMsg{post: p})
			_, right := m.editor.split(&m.desk)
			body := p.Body
			i := 0
			b.ReportAllocs()
			for b.Loop() {
				i++
				p.Body = body + " " + strconv.Itoa(i)
				m.editor.proof.refresh(&m.desk, p, right)
			}
		})
	}
}

// BenchmarkEditorKey: a key typed in the text of a post of about 1,500
// characters, an Update and a View: the text area and the phone preview
// brought up to date. The checks of the new text run in a Cmd, off the
// key's path; EditorChecks measures them.
func BenchmarkEditorKey(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("posts=%d", n), func(b *testing.B) {
			m, st := openDesk(b, benchFile(b, n))
			defer st.Close()
			m.openEditor(openedMsg{post: longestPost(b, m, st)})
			for range 5 {
				next, _ := m.Update(tea.KeyPressMsg{Code: tea.KeyTab})
				m = next.(Model)
			}
			pressInTurn(b, m, tea.KeyPressMsg{Code: 'a', Text: "a"}, tea.KeyPressMsg{Code: tea.KeyBackspace})
		})
	}
}

// BenchmarkEditorChecks: the checks of the text typed, as the Cmd that a
// key in the editor returns runs them, for the post EditorKey types in.
func BenchmarkEditorChecks(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("posts=%d", n), func(b *testing.B) {
			m, st := openDesk(b, benchFile(b, n))
			defer st.Close()
			p := longestPost(b, m, st)
			d := &m.desk
			i := 0
			b.ReportAllocs()
			for b.Loop() {
				i++
				q := p
				q.Body += strconv.Itoa(i)
				if _, ok := d.checksCmd(q, "")().(checkedMsg); !ok {
					b.Fatal("the checks brought back no checkedMsg")
				}
			}
		})
	}
}

// longestPost is the post with the longest text among the backlog's
// first 200: about 1,500 characters in the generated files.
func longestPost(b *testing.B, m Model, st *store.Store) store.Post {
	b.Helper()
	var p store.Post
	for _, s := range m.backlog.posts[:min(200, len(m.backlog.posts))] {
		q, err := st.Post(s.ID())
		if err != nil {
			b.Fatal(err)
		}
		if utf8.RuneCountInString(q.Body) > utf8.RuneCountInString(p.Body) {
			p = q
		}
	}
	if c := utf8.RuneCountInString(p.Body); c < 1_400 {
		b.Fatalf("the longest post has %d characters", c)
	}
	return p
}

// pressInTurn is the measured loop: the keys in turn, each an Update and a
// View, as the program does after every key press.
func pressInTurn(b *testing.B, m Model, keys ...tea.KeyPressMsg) Model {
	inTurn(b, keys, func(k tea.KeyPressMsg) {
		next, _ := m.Update(k)
		m = next.(Model)
		_ = m.View()
	})
	return m
}

// inTurn hands the keys in turn to press, one a loop of the benchmark:
// press updates and draws whatever is measured, the desk or an anchor.
func inTurn(b *testing.B, keys []tea.KeyPressMsg, press func(tea.KeyPressMsg)) {
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		press(keys[i%len(keys)])
		i++
	}
}
