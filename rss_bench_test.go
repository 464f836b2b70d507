//go:build linux

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"

	"crieur/settings"
	"crieur/store"
	"crieur/store/storetest"
)

// BenchmarkDeskRSS is the memory budget measured on the real program: the
// crieur that TestMain built opens a file of 1,000, 10,000 and 100,000
// posts in a pseudo-terminal, and the kernel's count of its resident
// memory is read once the backlog is on screen (RSS-MB, with its heap and
// file parts), and again once a filter has run (filtered-RSS-MB).
// rows-ms is the start as a person sees it, from starting the program to
// the newest posts on screen; frame-ms goes on until the whole backlog is
// read and its count shows. Run it alone:
// go test -run '^$' -bench DeskRSS -benchtime 3x .
func BenchmarkDeskRSS(b *testing.B) {
	for _, posts := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("posts=%d", posts), func(b *testing.B) { benchDeskRSS(b, posts) })
	}
}

func benchDeskRSS(b *testing.B, posts int) {
	dir := b.TempDir()
	db, cfg := filepath.Join(dir, "crieur.db"), filepath.Join(dir, "config.toml")
	storetest.Populate(b, db, posts)
	// The first open of a day copies the file into the backups folder;
	// done here, every open measured is an ordinary one.
	st, err := store.Open(db, store.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := st.DailyBackup(); err != nil {
		b.Fatal(err)
	}
	st.Close()

	// The newest post's title, as its row shows it at 120 columns.
	newest := []rune(storetest.Post(0, storetest.Now()).Title)
	newest = newest[:min(len(newest), 40)]
	var drawn, filtered residentMemory
	var firstRows, frame time.Duration
	for b.Loop() {
		start := time.Now()
		d := startMeasuredDesk(b, dir, db, cfg)
		d.waitFor(string(newest))
		firstRows += time.Since(start)
		d.waitFor(postCount(posts) + " posts")
		frame += time.Since(start)
		drawn.add(d.resident())

		d.typeKeys("/", "piscine", "\r")
		d.waitForMatch(regexp.MustCompile(`/ piscine +\([0-9,]+\)`))
		filtered.add(d.resident())

		d.typeKeys("q")
		d.waitExit()
	}
	n := float64(b.N)
	b.ReportMetric(drawn.rss/n, "RSS-MB")
	b.ReportMetric(drawn.anon/n, "RssAnon-MB")
	b.ReportMetric(drawn.file/n, "RssFile-MB")
	b.ReportMetric(filtered.rss/n, "filtered-RSS-MB")
	b.ReportMetric(float64(firstRows.Microseconds())/1e3/n, "rows-ms")
	b.ReportMetric(float64(frame.Microseconds())/1e3/n, "frame-ms")
}

// postCount writes n as the English desk's title bar does: 100,000.
func postCount(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// settle is how long the desk is left alone before its memory is read:
// the time for the runtime to finish a collection under way and hand
// pages back.
const settle = time.Second

// residentMemory is what /proc/PID/status says of a process's resident
// memory, in megabytes (2^20 bytes).
type residentMemory struct{ rss, anon, file float64 }

func (r *residentMemory) add(o residentMemory) {
	r.rss, r.anon, r.file = r.rss+o.rss, r.anon+o.anon, r.file+o.file
}

// measuredDesk is one run of crieur in a pseudo-terminal, its output
// replayed into a virtual screen that answers the desk's queries as a
// terminal would.
type measuredDesk struct {
	b      *testing.B
	cmd    *exec.Cmd
	pty    *os.File
	mu     sync.Mutex
	screen *vt.Emulator
	exited chan struct{}
}

func startMeasuredDesk(b *testing.B, dir, db, cfg string) *measuredDesk {
	b.Helper()
	if !settings.Exists(cfg) {
		if err := settings.Create(cfg, englishSettings, settings.Defaults(englishSettings)); err != nil {
			b.Fatal(err)
		}
	}
	cmd := exec.Command(binary, "--offline", "--lang", "en", "--db", db, "--config", cfg)
	cmd.Env = []string{
		"PATH=" + os.Getenv("PATH"), "TERM=xterm-256color", "LANG=en_US.UTF-8", "HOME=" + dir,
		"XDG_CONFIG_HOME=" + filepath.Join(dir, "config"), "XDG_DATA_HOME=" + filepath.Join(dir, "data"),
		"XDG_CACHE_HOME=" + filepath.Join(dir, "cache"), "XDG_STATE_HOME=" + filepath.Join(dir, "state"),
	}
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 120, Rows: 40})
	if err != nil {
		b.Fatalf("start crieur in a terminal: %v", err)
	}
	d := &measuredDesk{b: b, cmd: cmd, pty: f, screen: vt.NewEmulator(120, 40), exited: make(chan struct{})}
	go func() {
		buf := make([]byte, 32<<10)
		for {
			n, err := f.Read(buf)
			d.mu.Lock()
			d.screen.Write(buf[:n])
			d.mu.Unlock()
			if err != nil {
				return
			}
		}
	}()
	go func() {
		buf := make([]byte, 4<<10)
		for {
			n, err := d.screen.Read(buf)
			f.Write(buf[:n])
			if err != nil {
				return
			}
		}
	}()
	go func() {
		cmd.Wait()
		close(d.exited)
	}()
	b.Cleanup(func() {
		select {
		case <-d.exited:
		default:
			cmd.Process.Kill()
			<-d.exited
		}
		f.Close()
		if replies, ok := d.screen.InputPipe().(io.Closer); ok {
			replies.Close()
		}
	})
	return d
}

func (d *measuredDesk) text() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.screen.String()
}

func (d *measuredDesk) waitFor(s string) {
	d.b.Helper()
	d.waitForMatch(regexp.MustCompile(regexp.QuoteMeta(s)))
}

func (d *measuredDesk) waitForMatch(re *regexp.Regexp) {
	d.b.Helper()
	deadline := time.Now().Add(time.Minute)
	for !re.MatchString(d.text()) {
		select {
		case <-d.exited:
			d.b.Fatalf("crieur exited before the screen showed %s:\n%s", re, d.text())
		default:
		}
		if time.Now().After(deadline) {
			d.b.Fatalf("the screen does not show %s:\n%s", re, d.text())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func (d *measuredDesk) typeKeys(keys ...string) {
	d.b.Helper()
	for _, k := range keys {
		if _, err := d.pty.WriteString(k); err != nil {
			d.b.Fatalf("type %q: %v", k, err)
		}
	}
}

func (d *measuredDesk) waitExit() {
	d.b.Helper()
	select {
	case <-d.exited:
	case <-time.After(time.Minute):
		d.b.Fatalf("crieur did not quit:\n%s", d.text())
	}
}

// resident reads the desk's resident memory once it has settled.
func (d *measuredDesk) resident() residentMemory {
	d.b.Helper()
	time.Sleep(settle)
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", d.cmd.Process.Pid))
	if err != nil {
		d.b.Fatal(err)
	}
	var r residentMemory
	fields := map[string]*float64{"VmRSS:": &r.rss, "RssAnon:": &r.anon, "RssFile:": &r.file}
	sc := bufio.NewScanner(bytes.NewReader(status))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 3 && f[2] == "kB" && fields[f[0]] != nil {
			kb, err := strconv.ParseFloat(f[1], 64)
			if err != nil {
				d.b.Fatalf("%s: %v", sc.Text(), err)
			}
			*fields[f[0]] = kb / 1024
		}
	}
	if r.rss == 0 {
		d.b.Fatalf("no VmRSS in /proc/%d/status", d.cmd.Process.Pid)
	}
	return r
}
