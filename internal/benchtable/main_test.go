package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// goTestOutput is what go test -bench prints, with a line that is not a
// result and a benchmark without sizes.
const goTestOutput = `goos: linux
goarch: amd64
pkg: crieur/ui
cpu: AMD EPYC
BenchmarkBacklogKey/posts=1000-2         	    5000	    201496 ns/op	  132451 B/op	     957 allocs/op
BenchmarkBacklogKey/posts=100000-2       	    5000	    904357 ns/op	  133734 B/op	     946 allocs/op
BenchmarkFilterKeystroke/first/posts=10000         	       5	    484946 ns/op
BenchmarkDeskRSS/posts=100000-2       	       3	2183007536 ns/op	        59.69 RSS-MB	       62.3 filtered-RSS-MB	       157.0 frame-ms
BenchmarkRender-2   	   20000	     60123 ns/op
PASS
ok  	crieur/ui	12.3s
`

func TestReadResults(t *testing.T) {
	var lines []string
	got := readResults(strings.NewReader(goTestOutput), func(l string) { lines = append(lines, l) })
	if len(lines) != 5 {
		t.Errorf("%d result lines passed on, want 5: %q", len(lines), lines)
	}
	cases := []struct {
		name, unit string
		size       int
		want       float64
	}{
		{"BacklogKey", "ns/op", 1000, 201496},
		{"BacklogKey", "allocs/op", 100000, 946},
		{"FilterKeystroke/first", "ns/op", 10000, 484946},
		{"DeskRSS", "RSS-MB", 100000, 59.69},
		{"DeskRSS", "frame-ms", 100000, 157},
	}
	for _, c := range cases {
		if v := got[c.name][c.size][c.unit]; v != c.want {
			t.Errorf("%s at %d: %s = %v, want %v", c.name, c.size, c.unit, v, c.want)
		}
	}
	if v := got["Render"][0]["ns/op"]; v != 60123 {
		t.Errorf("a benchmark without sizes (the team desk's) read as %v ns/op", v)
	}
}

func TestTable(t *testing.T) {
	results := map[string]map[int]result{
		"./ui BacklogKey":    {1000: {"ns/op": 2e5}, 10000: {"ns/op": 2e5}, 100000: {"ns/op": 2.4e5}},
		"./ui ColdStart":     {1000: {"ns/op": 1e6}, 10000: {"ns/op": 5e6}, 100000: {"ns/op": 60e6}},
		"./ui FirstRows":     {1000: {"ns/op": 1e6}, 10000: {"ns/op": 1.1e6}, 100000: {"ns/op": 1.4e6}},
		"./ui AnchorListKey": {1000: {"ns/op": 1e6}, 10000: {"ns/op": 1e7}, 100000: {"ns/op": 1e9}},
		"./store SavePost": {1000: {"ns/op": 3e5, "tx/save": 1}, 10000: {"ns/op": 3e5, "tx/save": 1},
			100000: {"ns/op": 5e5, "tx/save": 1}},
	}
	rows, missing := table(results)
	byLabel := map[string]row{}
	for _, r := range rows {
		byLabel[r.label] = r
	}
	check := func(label, values, growth, verdict string) {
		t.Helper()
		r := byLabel[label]
		if got := strings.Join(r.values, " | "); got != values || r.growth != growth || r.verdict != verdict {
			t.Errorf("%s: %s, %s, %s; want %s, %s, %s", label, got, r.growth, r.verdict, values, growth, verdict)
		}
	}
	check("Key press on the backlog (update + view)", "0.200 ms | 0.200 ms | 0.240 ms", "×1.2", "ok")
	check("Open the file, read and draw the whole backlog (after the first frame)", "1.00 ms | 5.00 ms | 60.0 ms", "×60", "")
	check("Save a post", "0.300 ms, 1 tx | 0.300 ms, 1 tx | 0.500 ms, 1 tx", "×1.7", "ok")
	check("Resident memory of the running desk", "— | — | —", "", "not measured")
	check("Cold start to the first frame: open the file, the newest posts drawn", "1.00 ms | 1.10 ms | 1.40 ms", "×1.4", "ok")
	check("… the backlog against that list", "×0.200 | ×0.0200 | ×0.000240", "×0.00120", "")
	team, _ := teamTable(map[string]map[int]result{"./serve ChangeReachesOthers": {0: {"ns/op": 120e6}}})
	for _, r := range team {
		if r.label == "A change in one session on another's screen" && (r.values[0] != "120 ms" || r.verdict != "over") {
			t.Errorf("%s: %v, %s", r.label, r.values, r.verdict)
		}
	}
	if len(missing) == 0 {
		t.Error("the figures without results were not reported")
	}
}

func TestReplaceSection(t *testing.T) {
	path := filepath.Join(t.TempDir(), "README.md")
	before := "# crieur\n\nintro\n\n<!-- bench:start -->\nold table\n<!-- bench:end -->\n\n## Licence\n"
	if err := os.WriteFile(path, []byte(before), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := replaceSection(path, "new table\n"); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := "# crieur\n\nintro\n\n<!-- bench:start -->\nnew table\n<!-- bench:end -->\n\n## Licence\n"
	if string(got) != want {
		t.Errorf("README:\n%s\nwant:\n%s", got, want)
	}
	os.WriteFile(path, []byte("no markers\n"), 0o644)
	if err := replaceSection(path, "x"); err == nil {
		t.Error("a README without markers was accepted")
	}
}

// TestBothBudgets: a figure held to a bound and to a growth keeps its
// budget only when it keeps both.
func TestBothBudgets(t *testing.T) {
	label := "Cold start to the first frame: open the file, the newest posts drawn"
	for _, c := range []struct {
		at1k, at100k float64
		verdict      string
	}{
		{1e6, 1.4e6, "ok"},
		{40e6, 55e6, "over"}, // grows little, over 50 ms
		{1e6, 2e6, "over"},   // within 50 ms, doubles
	} {
		rows, _ := table(map[string]map[int]result{"./ui FirstRows": {1000: {"ns/op": c.at1k}, 10000: {"ns/op": c.at1k}, 100000: {"ns/op": c.at100k}}})
		i := slices.IndexFunc(rows, func(r row) bool { return r.label == label })
		if i < 0 {
			t.Fatalf("no row %q", label)
		}
		if rows[i].verdict != c.verdict {
			t.Errorf("%v ns then %v ns: %s, want %s", c.at1k, c.at100k, rows[i].verdict, c.verdict)
		}
	}
}
