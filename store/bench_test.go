package store_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"crieur/store"
	"crieur/store/storetest"
)

// The generated data files are built once per test process and shared by
// the benchmarks: 100,000 posts take seconds to write.
var fixtures = struct {
	sync.Mutex
	dir   string
	paths map[int]string
}{paths: map[int]string{}}

func TestMain(m *testing.M) {
	code := m.Run()
	if fixtures.dir != "" {
		os.RemoveAll(fixtures.dir)
	}
	os.Exit(code)
}

// fixture returns a data file holding n generated posts.
func fixture(b *testing.B, n int) string {
	b.Helper()
	fixtures.Lock()
	defer fixtures.Unlock()
	if p, ok := fixtures.paths[n]; ok {
		return p
	}
	if fixtures.dir == "" {
		dir, err := os.MkdirTemp("", "crieur-bench-")
		if err != nil {
			b.Fatal(err)
		}
		fixtures.dir = dir
	}
	p := filepath.Join(fixtures.dir, fmt.Sprintf("posts-%d.db", n))
	storetest.Populate(b, p, n)
	fixtures.paths[n] = p
	return p
}

// BenchmarkSavePost is one save from the editor into a desk of 1,000 to
// 100,000 posts: one transaction, one fsync. tx/save counts the write
// transactions committed per save, read from the file's transaction id.
func BenchmarkSavePost(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("posts=%d", n), func(b *testing.B) { benchSave(b, n) })
	}
}

func benchSave(b *testing.B, n int) {
	path := fixture(b, n)
	before := committed(b, path)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	sums, err := st.Summaries()
	if err != nil {
		b.Fatal(err)
	}
	p, err := st.Post(sums[len(sums)/2].ID())
	if err != nil {
		b.Fatal(err)
	}
	body := p.Body
	i := 0
	for b.Loop() {
		i++
		p.Body = fmt.Sprintf("%s\n\nMise à jour n° %d.", body, i)
		if p, err = st.SavePost(p); err != nil {
			b.Fatal(err)
		}
	}
	if err := st.Close(); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(committed(b, path)-before)/float64(b.N), "tx/save")
}

// committed is the id of the last transaction committed to the file.
func committed(b *testing.B, path string) int {
	b.Helper()
	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true, Timeout: time.Second})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	var id int
	if err := db.View(func(tx *bolt.Tx) error { id = tx.ID(); return nil }); err != nil {
		b.Fatal(err)
	}
	return id
}

// BenchmarkOpenAndSummaries is the store's part of the desk's cold start:
// open the file and load the backlog, every summary and search key.
func BenchmarkOpenAndSummaries(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("posts=%d", n), func(b *testing.B) {
			path := fixture(b, n)
			for b.Loop() {
				st, err := store.Open(path, store.Options{})
				if err != nil {
					b.Fatal(err)
				}
				bl, err := st.Backlog()
				if err != nil {
					b.Fatal(err)
				}
				if len(bl.Posts) != n {
					b.Fatalf("%d summaries, want %d", len(bl.Posts), n)
				}
				st.Close()
			}
		})
	}
}

// BenchmarkSummariesMemory reports the heap that the backlog of 100,000
// posts keeps alive, summaries and search keys: the desk holds it for as
// long as it is open.
func BenchmarkSummariesMemory(b *testing.B) {
	const n = 100_000
	st, err := store.Open(fixture(b, n), store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	var retained, keys uint64
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		bl, err := st.Backlog()
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		retained = after.HeapAlloc - before.HeapAlloc
		keys = uint64(len(bl.Keys))
		runtime.KeepAlive(bl)
	}
	b.ReportMetric(float64(retained), "retained-B")
	b.ReportMetric(float64(retained)/n, "B/summary")
	b.ReportMetric(float64(keys)/n, "key-B/summary")
}
