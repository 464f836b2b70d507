// Command benchtable measures the desk's performance budgets (a key
// press on the backlog, in the filter and in the editor, the first rows
// and the cold start, a save, the phone preview, resident memory) at
// 1,000, 10,000 and 100,000 posts, with the anchors they are set against
// (bubbles' list and text area) measured in the same run, and the team
// desk's (memory per session, a change reaching another session, a key
// with ten sessions open). It prints them as tables: each figure, its
// budget, its value at each size, how it grows from 1,000 to 100,000
// posts, and whether it keeps its budget, under a line that names the
// machine and its load. It runs the benchmarks of the ui, store, serve
// and main packages with go test; it takes a few minutes, so CI does not
// run it.
//
//	go run ./internal/benchtable                 print the table
//	go run ./internal/benchtable -write-readme   and put it in README.md
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
)

// sizes are the numbers of posts every figure is measured at.
var sizes = []int{1_000, 10_000, 100_000}

// A figure is one row of the table: a metric of one benchmark, read at
// every size.
type figure struct {
	label  string // what is measured
	pkg    string // the package that holds the benchmark: "./ui"
	bench  string // the benchmark, without "Benchmark" and its size: "FilterKeystroke/first"
	unit   string // the metric read: "ns/op", or one the benchmark reports
	budget string // the budget, as the table shows it; "—" for a figure shown for information
	// limit is the budget in the metric's unit; 0 when the budget is
	// not a number (see check).
	limit float64
	// check, when set, decides the budget from the benchmark's results
	// at one size, for budgets that are not a bound on the figure.
	check func(res result) bool
	show  func(f figure, res result) string
	// growthLimit, when set, is the budget on the growth from 1,000 to
	// 100,000 posts rather than on each value.
	growthLimit float64
	// per, when set, is the benchmark ("pkg Name") the figure is divided
	// by at each size: the figure is then a ratio, against an anchor.
	per string
}

// result is what one benchmark reported at one size, by unit.
type result map[string]float64

var figures = []figure{
	{label: "Key press on the backlog (update + view)", pkg: "./ui", bench: "BacklogKey",
		unit: "ns/op", budget: "1 ms", limit: 1e6, show: millis},
	{label: "Filter keystroke, first letter (update + view)", pkg: "./ui", bench: "FilterKeystroke/first",
		unit: "ns/op", budget: "1 ms", limit: 1e6, show: millis},
	{label: "Filter keystroke, second letter (update + view)", pkg: "./ui", bench: "FilterKeystroke/second",
		unit: "ns/op", budget: "1 ms", limit: 1e6, show: millis},
	{label: "… its matches on screen (matched in the background)", pkg: "./ui", bench: "FilterResults/second",
		unit: "ns/op", budget: "—", show: millis},
	{label: "Filter keystroke, fifth letter (update + view)", pkg: "./ui", bench: "FilterKeystroke/fifth",
		unit: "ns/op", budget: "1 ms", limit: 1e6, show: millis},
	{label: "… bubbles' list, default paginator, the same posts (anchor)", pkg: "./ui", bench: "AnchorListKey",
		unit: "ns/op", budget: "—", show: millis},
	{label: "… the backlog against that list", pkg: "./ui", bench: "BacklogKey", per: "./ui AnchorListKey",
		unit: "ns/op", budget: "—", show: ratio},
	{label: "Cold start to the first frame: open the file, the newest posts drawn", pkg: "./ui", bench: "FirstRows",
		unit: "ns/op", budget: "50 ms, ×1.5 of 1,000", limit: 50e6, growthLimit: 1.5, show: millis},
	{label: "Program start to the first rows, in a terminal", pkg: ".", bench: "DeskRSS",
		unit: "rows-ms", budget: "×1.5 of 1,000", growthLimit: 1.5, show: inUnit("ms")},
	{label: "Open the file, read and draw the whole backlog (after the first frame)", pkg: "./ui", bench: "ColdStart",
		unit: "ns/op", budget: "—", show: millis},
	{label: "Program start to the whole backlog on screen, in a terminal", pkg: ".", bench: "DeskRSS",
		unit: "frame-ms", budget: "—", show: inUnit("ms")},
	{label: "Save a post", pkg: "./store", bench: "SavePost",
		unit: "ns/op", budget: "1 transaction",
		check: func(r result) bool { return r["tx/save"] == 1 },
		show: func(f figure, r result) string {
			return fmt.Sprintf("%s, %s tx", millis(f, r), strconv.FormatFloat(r["tx/save"], 'f', -1, 64))
		}},
	{label: "Phone preview of a 1,500-character post, once warm", pkg: "./ui", bench: "Preview",
		unit: "ns/op", budget: "1 ms", limit: 1e6, show: millis},
	{label: "Key typed in that post's text (update + view)", pkg: "./ui", bench: "EditorKey",
		unit: "ns/op", budget: "1 ms", limit: 1e6, show: millis},
	{label: "… the checks of that text (in the background, after the key)", pkg: "./ui", bench: "EditorChecks",
		unit: "ns/op", budget: "—", show: millis},
	{label: "… bubbles' text area alone, the same text (anchor)", pkg: "./ui", bench: "AnchorTextareaKey",
		unit: "ns/op", budget: "—", show: millis},
	{label: "… the editor against that text area", pkg: "./ui", bench: "EditorKey", per: "./ui AnchorTextareaKey",
		unit: "ns/op", budget: "—", show: ratio},
	{label: "Resident memory of the running desk", pkg: ".", bench: "DeskRSS",
		unit: "RSS-MB", budget: "60 MB", limit: 60, show: inUnit("MB")},
	{label: "Resident memory after a filter", pkg: ".", bench: "DeskRSS",
		unit: "filtered-RSS-MB", budget: "60 MB", limit: 60, show: inUnit("MB")},
}

// teamFigures are the team desk's figures, measured once (not at each
// size) by the serve package's benchmarks: ten sessions, 10,000 posts.
var teamFigures = []figure{
	{label: "Memory per session (heap of the server)", pkg: "./serve", bench: "SessionMemory",
		unit: "MB/session", budget: "4 MB", limit: 4, show: inUnit("MB")},
	{label: "… once a change has reached every session", pkg: "./serve", bench: "SessionMemory",
		unit: "MB/session-changed", budget: "4 MB", limit: 4, show: inUnit("MB")},
	{label: "A change in one session on another's screen", pkg: "./serve", bench: "ChangeReachesOthers",
		unit: "ns/op", budget: "100 ms", limit: 100e6, show: millis},
	{label: "Key press on the backlog, on the member's screen through SSH", pkg: "./serve", bench: "KeyWithTenSessions",
		unit: "ns/op", budget: "—", show: millis},
}

// A run is one go test invocation: the benchmarks of one package.
type run struct {
	pkg, pattern, benchtime string
}

func main() {
	log := func(format string, a ...any) { fmt.Fprintf(os.Stderr, format+"\n", a...) }
	benchtime := flag.String("benchtime", "1s", "how long each benchmark of ui and store runs (go test -benchtime)")
	rssRuns := flag.Int("rss-runs", 3, "times the program is started for each size to read its memory")
	writeReadme := flag.Bool("write-readme", false, "replace the table in README.md, between <!-- bench:start --> and <!-- bench:end -->")
	flag.Usage = func() {
		fmt.Fprintln(flag.CommandLine.Output(), "Usage: go run ./internal/benchtable [-write-readme] [-benchtime 1s] [-rss-runs 3]")
		fmt.Fprintln(flag.CommandLine.Output(), "\nMeasures every performance budget of the desk at 1,000, 10,000 and 100,000 posts, with its anchors and the team desk's, and prints the tables.")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}

	root, err := moduleRoot()
	if err != nil {
		log("benchtable: %v", err)
		os.Exit(1)
	}
	m := describeMachine(root)
	log("benchtable: %s", m)

	m.loadBefore = loadAverage()
	results := map[string]map[int]result{} // by package and benchmark, then size
	var failures []error
	for _, r := range runs(*benchtime, *rssRuns) {
		log("benchtable: go test -run '^$' -bench '%s' -benchtime %s %s", r.pattern, r.benchtime, r.pkg)
		got, err := bench(root, r, func(line string) { log("  %s", line) })
		if err != nil {
			failures = append(failures, err)
			log("benchtable: %v", err)
		}
		for name, bySize := range got {
			results[r.pkg+" "+name] = bySize
		}
	}

	m.loadAfter = loadAverage()
	rows, missing := table(results)
	failures = append(failures, missing...)
	team, missing := teamTable(results)
	failures = append(failures, missing...)
	rows = append(rows, team...)
	text := render(m, rows)
	fmt.Print(text)

	if len(failures) > 0 {
		log("\nbenchtable: %d problem(s); the README was left as it was:", len(failures))
		for _, err := range failures {
			log("  - %v", err)
		}
		os.Exit(1)
	}
	if *writeReadme {
		path := filepath.Join(root, "README.md")
		if err := replaceSection(path, readmeSection(m, rows)); err != nil {
			log("benchtable: %v", err)
			os.Exit(1)
		}
		log("benchtable: the table is in %s", path)
	}
}

// runs are the go test invocations that measure every figure. The
// program's memory is read a few times per size; it settles for a second
// before each reading.
func runs(benchtime string, rssRuns int) []run {
	var ui, store []string
	for _, f := range figures {
		name := strings.SplitN(f.bench, "/", 2)[0]
		names := []string{name}
		if f.per != "" {
			names = append(names, strings.Fields(f.per)[1])
		}
		for _, name := range names {
			switch f.pkg {
			case "./ui":
				ui = appendOnce(ui, name)
			case "./store":
				store = appendOnce(store, name)
			}
		}
	}
	pattern := func(names []string) string { return "^Benchmark(" + strings.Join(names, "|") + ")$" }
	return []run{
		{pkg: "./ui", pattern: pattern(ui), benchtime: benchtime},
		{pkg: "./store", pattern: pattern(store), benchtime: benchtime},
		{pkg: ".", pattern: "^BenchmarkDeskRSS$", benchtime: fmt.Sprintf("%dx", rssRuns)},
		// Each round of the memory benchmark starts a server: once is enough.
		{pkg: "./serve", pattern: "^BenchmarkSessionMemory$", benchtime: "1x"},
		{pkg: "./serve", pattern: "^Benchmark(ChangeReachesOthers|KeyWithTenSessions)$", benchtime: "40x"},
	}
}

func appendOnce(list []string, s string) []string {
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// benchLine is one result of go test -bench: the name, the GOMAXPROCS
// suffix, the iterations and the metrics.
var benchLine = regexp.MustCompile(`^Benchmark(\S+?)(?:-\d+)?\s+(\d+)\s+(.+)$`)

// bench runs one go test invocation and reads its results, by benchmark
// (its name without the size) and size. Every result line goes to progress
// as it comes. A benchmark that fails is an error that quotes its output.
func bench(root string, r run, progress func(string)) (map[string]map[int]result, error) {
	cmd := exec.Command("go", "test", "-run", "^$", "-bench", r.pattern, "-benchtime", r.benchtime, "-count", "1", r.pkg)
	cmd.Dir = root
	pipe, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stderr = cmd.Stdout // one stream, so a failure's message sits among the results
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("go test %s: %w", r.pkg, err)
	}
	var output bytes.Buffer
	out := io.TeeReader(pipe, &output)
	got := readResults(out, progress)
	io.Copy(io.Discard, out) // what a line too long for the scanner left
	if err := cmd.Wait(); err != nil {
		return got, fmt.Errorf("the benchmarks of %s failed (%v):\n%s", r.pkg, err, tail(output.String(), 30))
	}
	return got, nil
}

// readResults reads go test -bench output, by benchmark (its name without
// the size) and size.
func readResults(r io.Reader, progress func(string)) map[string]map[int]result {
	got := map[string]map[int]result{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for sc.Scan() {
		m := benchLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		progress(sc.Text())
		name, size, ok := cutSize(m[1])
		if !ok {
			name, size = m[1], 0 // measured once, not at each size
		}
		res := result{}
		fields := strings.Fields(m[3])
		for i := 0; i+1 < len(fields); i += 2 {
			if v, err := strconv.ParseFloat(fields[i], 64); err == nil {
				res[fields[i+1]] = v
			}
		}
		if got[name] == nil {
			got[name] = map[int]result{}
		}
		got[name][size] = res
	}
	return got
}

// cutSize splits "FilterKeystroke/first/posts=1000" into its benchmark and
// its size.
func cutSize(name string) (string, int, bool) {
	i := strings.LastIndex(name, "/posts=")
	if i < 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(name[i+len("/posts="):])
	return name[:i], n, err == nil
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return "    " + strings.Join(lines, "\n    ")
}

// row is one figure's line of the table.
type row struct {
	figure
	values  []string // at each size, or its one value for the team desk
	growth  string
	verdict string // "ok", "over", or "" without a budget
	team    bool   // a team desk's figure, measured once
}

// table turns the results into rows; a figure without a result at a size
// is an error.
func table(results map[string]map[int]result) ([]row, []error) {
	var rows []row
	var errs []error
	for _, f := range figures {
		r := row{figure: f}
		bySize := results[f.pkg+" "+f.bench]
		if f.per != "" {
			bySize = divide(bySize, results[f.per], f.unit)
		}
		within, measured := true, true
		for _, n := range sizes {
			res, ok := bySize[n]
			if _, has := res[f.unit]; !ok || !has {
				r.values = append(r.values, "—")
				errs = append(errs, fmt.Errorf("no %s from Benchmark%s/posts=%d in %s", f.unit, f.bench, n, f.pkg))
				measured = false
				continue
			}
			r.values = append(r.values, f.show(f, res))
			switch {
			case f.check != nil:
				within = within && f.check(res)
			case f.limit > 0:
				within = within && res[f.unit] <= f.limit
			}
		}
		first, last := bySize[sizes[0]][f.unit], bySize[sizes[len(sizes)-1]][f.unit]
		if first > 0 && last > 0 {
			r.growth = "×" + strconv.FormatFloat(last/first, 'f', growthDigits(last/first), 64)
			if last/first < 0.1 {
				r.growth = "×" + significant(last/first)
			}
		}
		switch {
		case !measured:
			r.verdict = "not measured"
		case f.growthLimit > 0 && first > 0 && last/first <= f.growthLimit && within:
			r.verdict = "ok"
		case f.growthLimit > 0:
			r.verdict = "over"
		case f.check == nil && f.limit == 0:
		case within:
			r.verdict = "ok"
		default:
			r.verdict = "over"
		}
		rows = append(rows, r)
	}
	return rows, errs
}

// divide is, at each size, the figure's unit in a over the same in b.
func divide(a, b map[int]result, unit string) map[int]result {
	out := map[int]result{}
	for n, res := range a {
		if den := b[n][unit]; den > 0 && res[unit] > 0 {
			out[n] = result{unit: res[unit] / den}
		}
	}
	return out
}

// teamTable is the team desk's rows, each with its one value.
func teamTable(results map[string]map[int]result) ([]row, []error) {
	var rows []row
	var errs []error
	for _, f := range teamFigures {
		r := row{figure: f, team: true}
		res, ok := results[f.pkg+" "+f.bench][0]
		if _, has := res[f.unit]; !ok || !has {
			r.values, r.verdict = []string{"—"}, "not measured"
			errs = append(errs, fmt.Errorf("no %s from Benchmark%s in %s", f.unit, f.bench, f.pkg))
			rows = append(rows, r)
			continue
		}
		r.values = []string{f.show(f, res)}
		switch {
		case f.limit == 0:
		case res[f.unit] <= f.limit:
			r.verdict = "ok"
		default:
			r.verdict = "over"
		}
		rows = append(rows, r)
	}
	return rows, errs
}

// ratio shows a figure divided by its anchor.
func ratio(f figure, r result) string { return "×" + significant(r[f.unit]) }

func growthDigits(x float64) int {
	if x >= 10 {
		return 0
	}
	return 1
}

// millis shows a time per operation in milliseconds, or microseconds
// under a tenth of a millisecond.
func millis(f figure, r result) string {
	ns := r[f.unit]
	if ns < 1e5 {
		return fmt.Sprintf("%.0f µs", ns/1e3)
	}
	return fmt.Sprintf("%s ms", significant(ns/1e6))
}

// inUnit shows the figure's metric as it is, followed by u.
func inUnit(u string) func(figure, result) string {
	return func(f figure, r result) string { return significant(r[f.unit]) + " " + u }
}

// significant keeps three significant digits: 0.372, 4.91, 44.5, 112.
func significant(v float64) string {
	if v == 0 {
		return "0"
	}
	digits := max(0, 2-int(math.Floor(math.Log10(math.Abs(v)))))
	return strconv.FormatFloat(v, 'f', digits, 64)
}

// machine is where the figures were measured.
type machine struct {
	cpu, goVersion, os string
	cores              int
	memory             string
	// loadBefore and loadAfter are the load average over the last minute
	// as the measures began and as they ended: figures taken on a busy
	// machine are worse than the program's.
	loadBefore, loadAfter string
}

func (m machine) String() string {
	s := fmt.Sprintf("%s, %d cores", m.cpu, m.cores)
	if m.memory != "" {
		s += ", " + m.memory
	}
	s += ", " + m.os + ", " + m.goVersion
	if m.loadBefore != "" {
		s += fmt.Sprintf("; load average %s as the measures began, %s as they ended", m.loadBefore, m.loadAfter)
	}
	return s
}

// loadAverage is the machine's load over the last minute, "" where it
// cannot be read.
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(data)); err == nil && len(f) > 0 {
		return f[0]
	}
	return ""
}

func describeMachine(root string) machine {
	m := machine{cpu: runtime.GOARCH, cores: runtime.NumCPU(), os: runtime.GOOS + "/" + runtime.GOARCH, goVersion: runtime.Version()}
	if out, err := goCommand(root, "env", "GOVERSION"); err == nil && out != "" {
		m.goVersion = strings.Replace(out, "go", "Go ", 1)
	}
	if info, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(info), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.cpu = strings.Join(strings.Fields(v), " ")
				break
			}
		}
	} else if out, err := exec.Command("sysctl", "-n", "machdep.cpu.brand_string").Output(); err == nil {
		m.cpu = strings.TrimSpace(string(out))
	}
	if release, err := os.ReadFile("/proc/sys/kernel/osrelease"); err == nil {
		m.os = fmt.Sprintf("Linux %s %s", strings.TrimSpace(string(release)), runtime.GOARCH)
	}
	if info, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kb float64
		if _, err := fmt.Sscanf(string(info), "MemTotal: %f kB", &kb); err == nil {
			m.memory = fmt.Sprintf("%.0f GB of memory", kb/(1<<20))
		}
	}
	return m
}

func goCommand(dir string, args ...string) (string, error) {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	return strings.TrimSpace(string(out)), err
}

// moduleRoot is the folder of crieur's go.mod.
func moduleRoot() (string, error) {
	gomod, err := goCommand(".", "env", "GOMOD")
	if err != nil || gomod == "" || gomod == os.DevNull {
		return "", errors.New("run it inside crieur's module: go run ./internal/benchtable")
	}
	return filepath.Dir(gomod), nil
}

// render is the table as a Markdown table under the machine's line.
func render(m machine, rows []row) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Machine: %s\n\n", m)
	b.WriteString("| Figure | Budget | 1,000 posts | 10,000 | 100,000 | Growth, 1,000 → 100,000 | |\n")
	b.WriteString("|---|---|---|---|---|---|---|\n")
	for _, r := range rows {
		if !r.team {
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", r.label, r.budget, strings.Join(r.values, " | "), strings.Join([]string{r.growth, r.verdict}, " | "))
		}
	}
	b.WriteString("\nThe team desk, ten sessions open on 10,000 posts:\n\n")
	b.WriteString("| Figure | Budget | Value | |\n|---|---|---|---|\n")
	for _, r := range rows {
		if r.team {
			fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", r.label, r.budget, r.values[0], r.verdict)
		}
	}
	return b.String()
}

const (
	readmeStart = "<!-- bench:start -->"
	readmeEnd   = "<!-- bench:end -->"
)

// readmeSection is what goes between the README's markers.
func readmeSection(m machine, rows []row) string {
	var b strings.Builder
	b.WriteString(`The budgets of the design are measured by benchmarks, never asserted by timed tests. One
command runs them all at 1,000, 10,000 and 100,000 posts, with the anchors they are set
against measured in the same run, and prints these tables; it takes a few minutes, so CI does
not run it:

    go run ./internal/benchtable                  # print the tables
    go run ./internal/benchtable -write-readme    # and put them here

`)
	b.WriteString(render(m, rows))
	b.WriteString(`
The key presses, the first rows, the whole backlog and the preview are measured on the desk's
Bubble Tea model (` + "`ui`" + ` package); a save on the store (` + "`store`" + `), where "tx" counts the write
transactions committed per save; the memory and the starts in a terminal on the real program,
started in a pseudo-terminal on a file of that many posts (` + "`BenchmarkDeskRSS`" + `): the kernel's
count of its resident memory once the backlog is on screen, and again after a filter. The
desk draws the newest posts first and reads the rest in the background: "the first rows" is
the time until the newest posts show, from opening the file (the model) or from starting the
program (in a terminal); "the whole backlog" goes on until every post is read and counted.
The design's cold start, the first frame within 50 ms with 100,000 posts, is the first rows':
the rest of the backlog is read after it, in the background.
The anchors are bubbles' list with its default delegate and paginator holding the same posts,
and bubbles' text area alone holding the same text; a ratio under ×1 is the desk's figure
below its anchor. The team desk's figures come from ` + "`serve`" + `'s benchmarks, through real SSH
clients: the heap one more session costs the server, a post saved in one session until
another session's screen shows it, a key's round trip to the member's screen. A bbolt
commit syncs the data pages, then the meta page: two ` + "`fdatasync`" + ` calls per transaction.
`)
	return b.String()
}

// replaceSection puts text between the README's markers, the rest of the
// file untouched.
func replaceSection(path, text string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	s := string(data)
	start, end := strings.Index(s, readmeStart), strings.Index(s, readmeEnd)
	if start < 0 || end < start {
		return fmt.Errorf("%s has no %s … %s section", path, readmeStart, readmeEnd)
	}
	s = s[:start+len(readmeStart)] + "\n" + text + s[end:]
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	return os.WriteFile(path, []byte(s), info.Mode().Perm())
}
