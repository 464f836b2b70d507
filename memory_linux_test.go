//go:build linux

package main

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"crieur/ui/i18n"
)

// rssFile is the resident size of the process's file-backed pages, in kB.
func rssFile(t *testing.T) int {
	t.Helper()
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`RssFile:\s+(\d+) kB`).FindSubmatch(status)
	if m == nil {
		t.Skip("no RssFile in /proc/self/status")
	}
	kb, _ := strconv.Atoi(string(m[1]))
	return kb
}

// The program's own pages are given back, and the program goes on: what
// it uses again comes back from the page cache.
func TestTheProgramsPagesAreGivenBack(t *testing.T) {
	before := rssFile(t)
	releaseProgramPages()
	after := rssFile(t)
	if after >= before {
		t.Errorf("resident file pages: %d kB before, %d kB after", before, after)
	}
	// Code and read-only data run and read again as before.
	if got := i18n.For("fr").Loading; got != "Ouverture du carnet…" {
		t.Errorf("the catalogue reads %q after the pages were given back", got)
	}
	var out, errOut strings.Builder
	c := &cli{stdin: strings.NewReader(""), stdout: &out, stderr: &errOut, getenv: func(string) string { return "" }, now: time.Now}
	if code := c.run([]string{"version"}); code != 0 || !strings.Contains(out.String(), "crieur") {
		t.Errorf("crieur version after the pages were given back: %d, %q %q", code, out.String(), errOut.String())
	}
}
