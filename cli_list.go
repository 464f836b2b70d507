package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"crieur/store"
	"crieur/ui/i18n"
)

// categoryWidth is as wide as the category column gets; longer free-typed
// categories are cut.
const categoryWidth = 16

// listedPost is a post as list --json writes it.
type listedPost struct {
	ID       string     `json:"id"`
	Status   string     `json:"status"`
	Category string     `json:"category"`
	Title    string     `json:"title"`
	Created  time.Time  `json:"created"`
	Updated  time.Time  `json:"updated"`
	Slot     *time.Time `json:"slot,omitempty"`
	Sample   bool       `json:"sample,omitempty"`
	Problems int        `json:"problems,omitempty"`
}

func (c *cli) listCommand(fs *flag.FlagSet) func([]string) error {
	status := fs.String("status", "", "only the posts with this status")
	asJSON := fs.Bool("json", false, "write JSON instead of a table")
	return func(args []string) error {
		if len(args) > 0 {
			return usageError{fmt.Sprintf(c.w().List.NoArgs, args[0])}
		}
		if err := c.checkStatusFlag(*status); err != nil {
			return err
		}
		settings, err := c.settings()
		if err != nil {
			return err
		}
		sums, err := c.summaries()
		if err != nil {
			return err
		}
		if *status != "" {
			kept := sums[:0]
			for _, s := range sums {
				if s.Status() == store.Status(*status) {
					kept = append(kept, s)
				}
			}
			sums = kept
		}
		w := bufio.NewWriter(c.stdout)
		if *asJSON {
			err = writeListJSON(w, sums, settings.Location())
		} else {
			writeTable(w, sums, settings.Location(), c.words())
		}
		if err != nil {
			return err
		}
		return w.Flush()
	}
}

// summaries reads every summary; no data file yet means no posts.
func (c *cli) summaries() ([]store.Summary, error) {
	if ok, err := c.exists(); !ok {
		return nil, err
	}
	st, err := c.open()
	if err != nil {
		return nil, err
	}
	defer st.Close()
	sums, err := st.Summaries()
	return sums, c.explain(st.Path(), err)
}

func (c *cli) checkStatusFlag(s string) error {
	if s == "" || store.Status(s).Valid() {
		return nil
	}
	return usageError{fmt.Sprintf(c.w().List.BadStatus, s, statusList())}
}

func statusList() string {
	names := make([]string, len(store.Statuses))
	for i, s := range store.Statuses {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

func writeListJSON(w *bufio.Writer, sums []store.Summary, loc *time.Location) error {
	out := make([]listedPost, len(sums)) // [] rather than null when empty
	for i, s := range sums {
		out[i] = listedPost{
			ID: s.ID(), Status: string(s.Status()), Category: s.Category(), Title: s.Title(),
			Created: s.Created().In(loc), Updated: s.Updated().In(loc), Sample: s.Sample, Problems: int(s.Problems),
		}
		if slot := s.Slot(); !slot.IsZero() {
			slot = slot.In(loc)
			out[i].Slot = &slot
		}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// writeTable lines the columns up by their width on screen, so accents,
// emoji and wide characters do not push the titles out of line. Statuses
// and categories are named as the desk names them, in its language.
func writeTable(w *bufio.Writer, sums []store.Summary, loc *time.Location, t *i18n.Text) {
	if len(sums) == 0 {
		return
	}
	header := t.CLI.List.Header[:]
	rows := make([][]string, len(sums))
	widths := make([]int, len(header))
	for i, h := range header {
		widths[i] = ansi.StringWidth(h)
	}
	for i, s := range sums {
		date := s.Created()
		if slot := s.Slot(); !slot.IsZero() {
			date = slot
		}
		row := []string{
			s.ID(),
			escapeControls(t.Status(string(s.Status()))),
			ansi.Truncate(escapeControls(t.Category(s.Category())), categoryWidth, "…"),
			date.In(loc).Format("2006-01-02 15:04"),
			escapeControls(s.Title()),
		}
		for j, cell := range row[:len(row)-1] {
			widths[j] = max(widths[j], ansi.StringWidth(cell))
		}
		rows[i] = row
	}
	writeRow(w, header, widths)
	for _, row := range rows {
		writeRow(w, row, widths)
	}
}

func writeRow(w *bufio.Writer, row []string, widths []int) {
	for j, cell := range row {
		w.WriteString(cell)
		if j == len(row)-1 {
			break
		}
		w.WriteString(strings.Repeat(" ", widths[j]-ansi.StringWidth(cell)+2))
	}
	w.WriteByte('\n')
}
