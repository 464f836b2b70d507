// Command benchtable measures the desk's performance budgets (a key
// press on the backlog and in the filter, the cold start, a save, the
// phone preview, resident memory) at 1,000, 10,000 and 100,000 posts and
// prints them as one table: each figure, its budget, its value at each
// size, how it grows from 1,000 to 100,000 posts, and whether it keeps
// its budget, under a line that names the machine. It runs the benchmarks of the ui, store and main packages with
// go test; it takes a minute or two, so CI does not run it.
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
	{label: "Cold start to the first frame (open, load, draw)", pkg: "./ui", bench: "ColdStart",
		unit: "ns/op", budget: "50 ms", limit: 50e6, show: millis},
	{label: "Program start to the backlog on screen, in a terminal", pkg: ".", bench: "DeskRSS",
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
		unit: "ns/op", budget: "—", show: millis},
	{label: "Resident memory of the running desk", pkg: ".", bench: "DeskRSS",
		unit: "RSS-MB", budget: "60 MB", limit: 60, show: inUnit("MB")},
	{label: "Resident memory after a filter", pkg: ".", bench: "DeskRSS",
		unit: "filtered-RSS-MB", budget: "60 MB", limit: 60, show: inUnit("MB")},
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
		fmt.Fprintln(flag.CommandLine.Output(), "\nMeasures every performance budget of the desk at 1,000, 10,000 and 100,000 posts and prints the table.")
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

	rows, missing := table(results)
	failures = append(failures, missing...)
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
		switch f.pkg {
		case "./ui":
			ui = appendOnce(ui, name)
		case "./store":
			store = appendOnce(store, name)
		}
	}
	pattern := func(names []string) string { return "^Benchmark(" + strings.Join(names, "|") + ")$" }
	return []run{
		{pkg: "./ui", pattern: pattern(ui), benchtime: benchtime},
		{pkg: "./store", pattern: pattern(store), benchtime: benchtime},
		{pkg: ".", pattern: "^BenchmarkDeskRSS$", benchtime: fmt.Sprintf("%dx", rssRuns)},
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
			continue
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
	values  []string // at each size
	growth  string
	verdict string // "ok", "over", or "" without a budget
}

// table turns the results into rows; a figure without a result at a size
// is an error.
func table(results map[string]map[int]result) ([]row, []error) {
	var rows []row
	var errs []error
	for _, f := range figures {
		r := row{figure: f}
		bySize := results[f.pkg+" "+f.bench]
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
		}
		switch {
		case !measured:
			r.verdict = "not measured"
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
}

func (m machine) String() string {
	s := fmt.Sprintf("%s, %d cores", m.cpu, m.cores)
	if m.memory != "" {
		s += ", " + m.memory
	}
	return s + ", " + m.os + ", " + m.goVersion
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
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", r.label, r.budget, strings.Join(r.values, " | "), strings.Join([]string{r.growth, r.verdict}, " | "))
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
command runs them all at 1,000, 10,000 and 100,000 posts and prints this table; it takes a
minute or two, so CI does not run it:

    go run ./internal/benchtable                  # print the table
    go run ./internal/benchtable -write-readme    # and put it here

`)
	b.WriteString(render(m, rows))
	b.WriteString(`
The key presses, the cold start and the preview are measured on the desk's Bubble Tea model
(` + "`ui`" + ` package); a save on the store (` + "`store`" + `), where "tx" counts the write transactions
committed per save; the memory and the start in a terminal on the real program, started in a
pseudo-terminal on a file of that many posts (` + "`BenchmarkDeskRSS`" + `): the kernel's count of its
resident memory once the backlog is on screen, and again after a filter. Rows without a budget
are there to be watched: the start in a terminal adds the process's start-up and the
terminal's set-up to the cold start, and a key typed in the editor redraws the text area and
runs the checks as well as the preview. A bbolt commit syncs the data pages, then the meta
page: two ` + "`fdatasync`" + ` calls per transaction.
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
