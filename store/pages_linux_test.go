package store_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"crieur/store"
	"crieur/store/storetest"
)

// TestBacklogLeavesTheFileOutOfMemory checks that reading the backlog
// does not leave the file's pages in the desk's resident memory, and that
// the file reads the same afterwards.
func TestBacklogLeavesTheFileOutOfMemory(t *testing.T) {
	path := filepath.Join(t.TempDir(), "crieur.db")
	storetest.Populate(t, path, 5_000)
	st, err := store.Open(path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Summaries(); err != nil { // every summary page read once
		t.Fatal(err)
	}
	bl, err := st.Backlog()
	if err != nil {
		t.Fatal(err)
	}
	if kb := mappedKB(t, path); kb > 64 {
		t.Errorf("%d kB of the file still resident after reading the backlog", kb)
	}
	p, err := st.Post(bl.Posts[len(bl.Posts)/2].ID())
	if err != nil || p.SearchKey() != bl.Key(len(bl.Posts)/2) {
		t.Errorf("post read after the backlog: %q, %v", p.Title, err)
	}
	if mappedKB(t, path) == 0 {
		t.Error("reading a post touched no page: the measure is not looking at the file")
	}
}

// mappedKB is how much of the file at path is resident in this process,
// from /proc/self/smaps.
func mappedKB(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skipf("no smaps: %v", err)
	}
	defer f.Close()
	total, inFile := 0, false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		switch {
		case len(fields) >= 5 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":"):
			inFile = fields[len(fields)-1] == path
		case inFile && len(fields) == 3 && fields[0] == "Rss:":
			kb, err := strconv.Atoi(fields[1])
			if err != nil {
				t.Fatal(err)
			}
			total += kb
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return total
}
