package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"crieur/store"
)

// listedSend is a send as sends --json writes it: what a script needs to
// find the sends that wait for a person and settle them.
type listedSend struct {
	ID          string    `json:"id"`
	Post        string    `json:"post"`
	Title       string    `json:"title"`
	Destination string    `json:"destination"`
	State       string    `json:"state"`
	Due         time.Time `json:"due"`
	Queued      time.Time `json:"queued"`
	Urgent      bool      `json:"urgent,omitempty"`
	Reason      string    `json:"reason,omitempty"`
	Outbox      string    `json:"outbox,omitempty"`
	Attempts    int       `json:"attempts"`
	// Code, HTTP and Error say why the last attempt did not go as
	// planned: the send log's code (stable, for scripts), the status the
	// destination answered, and the back-end's own words.
	Code    string       `json:"code,omitempty"`
	HTTP    int          `json:"http,omitempty"`
	Error   string       `json:"error,omitempty"`
	Settled *settledSend `json:"settled,omitempty"`
}

// settledSend is a person's word on a send: who, when, and whether it
// went out.
type settledSend struct {
	By   string    `json:"by"`
	At   time.Time `json:"at"`
	Went bool      `json:"went"`
}

func (c *cli) sendsCommand(fs *flag.FlagSet) func([]string) error {
	open := fs.Bool("open", false, "only the sends not settled yet")
	asJSON := fs.Bool("json", false, "one JSON object per line, for scripts")
	return func(args []string) error {
		words := &c.w().Sends
		switch {
		case len(args) > 0 && args[0] == "mark":
			if len(args) != 3 {
				return usageError{words.BadMark}
			}
			return c.markSend(args[1], args[2])
		case len(args) > 0:
			return usageError{fmt.Sprintf(words.NoArgs, args[0])}
		}
		conf, err := c.settings()
		if err != nil {
			return err
		}
		if ok, err := c.exists(); !ok {
			if err == nil && !*asJSON {
				fmt.Fprintf(c.stdout, words.NoData, c.dataPath())
			}
			return err
		}
		st, err := c.open()
		if err != nil {
			return err
		}
		defer st.Close()
		sends, err := st.SendLog(*open)
		if err != nil {
			return c.explain(st.Path(), err)
		}
		titles, err := sendTitles(st, sends)
		if err != nil {
			return c.explain(st.Path(), err)
		}
		w := bufio.NewWriter(c.stdout)
		if *asJSON {
			err = writeSendsJSON(w, sends, titles, conf.Location())
		} else {
			c.writeSendsTable(w, sends, titles, conf.Location())
		}
		if err != nil {
			return err
		}
		return w.Flush()
	}
}

// sendTitles are the titles of the sends' posts, by post id.
func sendTitles(st *store.Store, sends []store.Send) (map[string]string, error) {
	titles := map[string]string{}
	for _, s := range sends {
		if _, ok := titles[s.Post]; ok {
			continue
		}
		p, err := st.Post(s.Post)
		if errors.Is(err, store.ErrNotFound) {
			titles[s.Post] = s.Post // a post deleted with the sample week
			continue
		}
		if err != nil {
			return nil, err
		}
		titles[s.Post] = p.Title
	}
	return titles, nil
}

func listed(s store.Send, title string, loc *time.Location) listedSend {
	out := listedSend{
		ID: s.ID, Post: s.Post, Title: title, Destination: s.Destination, State: string(s.State),
		Due: s.At.In(loc), Queued: s.Queued.In(loc), Urgent: s.Urgent, Reason: s.Reason, Attempts: len(s.Attempts),
	}
	if a := s.Last(); a != nil {
		out.Outbox = a.Outbox
		if failedAttempt(s) {
			out.Code, out.HTTP, out.Error = a.Code, a.HTTP, a.Err
		}
	}
	if r := s.Resolution; r != nil {
		out.Settled = &settledSend{By: r.By, At: r.At.In(loc), Went: r.Sent}
	}
	return out
}

func writeSendsJSON(w *bufio.Writer, sends []store.Send, titles map[string]string, loc *time.Location) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, s := range sends {
		if err := enc.Encode(listed(s, titles[s.Post], loc)); err != nil {
			return err
		}
	}
	return nil
}

// writeSendsTable lines the sends up as list does, in the command line's
// language; under a send to paste, the file that holds its text.
func (c *cli) writeSendsTable(w *bufio.Writer, sends []store.Send, titles map[string]string, loc *time.Location) {
	if len(sends) == 0 {
		return
	}
	words := &c.w().Sends
	header := words.Header[:]
	widths := make([]int, len(header))
	for i, h := range header {
		widths[i] = ansi.StringWidth(h)
	}
	rows := make([][]string, len(sends))
	for i, s := range sends {
		state := words.States[string(s.State)]
		if state == "" {
			state = string(s.State)
		}
		rows[i] = []string{s.ID, state, s.At.In(loc).Format("2006-01-02 15:04"), escapeControls(s.Destination), escapeControls(titles[s.Post])}
		for j, cell := range rows[i][:len(rows[i])-1] {
			widths[j] = max(widths[j], ansi.StringWidth(cell))
		}
	}
	writeRow(w, header, widths)
	for i, s := range sends {
		writeRow(w, rows[i], widths)
		if a := s.Last(); s.State == store.SendPaste && a != nil && a.Outbox != "" {
			fmt.Fprintf(w, words.TextIn, escapeControls(a.Outbox))
		}
		if a := s.Last(); failedAttempt(s) {
			fmt.Fprintf(w, words.LastError, escapeControls(c.words().SendError(a.Code, a.HTTP, a.Err)))
		}
	}
}

// failedAttempt says whether the send's last attempt did not go as
// planned, and the send still shows it: failed, unknown, or back in the
// queue because nothing left. A person's word settles it.
func failedAttempt(s store.Send) bool {
	a := s.Last()
	if a == nil || (a.Code == "" && a.Err == "") || s.Resolution != nil {
		return false
	}
	switch s.State {
	case store.SendFailed, store.SendUnknown, store.SendQueued:
		return true
	}
	return false
}

// markSend records a person's word on a send that waits for one: it went
// out, or it did not (and may go again).
func (c *cli) markSend(prefix, word string) error {
	words := &c.w().Sends
	var went bool
	switch word {
	case "went":
		went = true
	case "not":
	default:
		return usageError{fmt.Sprintf(words.BadWord, word)}
	}
	conf, err := c.settings()
	if err != nil {
		return err
	}
	if ok, err := c.exists(); !ok {
		if err == nil {
			err = fmt.Errorf(words.NoSuchSend, prefix)
		}
		return err
	}
	st, err := c.open()
	if err != nil {
		return err
	}
	defer st.Close()
	snd, err := c.findSend(st, prefix)
	if err != nil {
		return err
	}
	title := snd.Post
	if p, err := st.Post(snd.Post); err == nil {
		title = p.Title
	}
	if snd.State != store.SendPaste && snd.State != store.SendUnknown {
		state := words.States[string(snd.State)]
		return fmt.Errorf(words.NotToSettle, escapeControls(title), escapeControls(snd.Destination), state)
	}
	if _, err := st.Resolve(snd.ID, went, conf.Person(c.settingsWords().Newsroom)); err != nil {
		return c.explain(st.Path(), err)
	}
	format := words.NotWent
	if went {
		format = words.Went
	}
	fmt.Fprintf(c.stdout, format, escapeControls(title), escapeControls(snd.Destination))
	return nil
}

// findSend finds the send whose id is, or starts with, prefix: exactly one.
func (c *cli) findSend(st *store.Store, prefix string) (store.Send, error) {
	words := &c.w().Sends
	prefix = strings.ToUpper(strings.TrimSpace(prefix))
	if prefix == "" {
		return store.Send{}, usageError{words.BadMark}
	}
	if snd, err := st.Send(prefix); err == nil {
		return snd, nil
	}
	all, err := st.SendLog(false)
	if err != nil {
		return store.Send{}, c.explain(st.Path(), err)
	}
	var found []store.Send
	for _, s := range all {
		if strings.HasPrefix(s.ID, prefix) {
			found = append(found, s)
		}
	}
	switch len(found) {
	case 0:
		return store.Send{}, fmt.Errorf(words.NoSuchSend, escapeControls(prefix))
	case 1:
		return found[0], nil
	}
	return store.Send{}, fmt.Errorf(words.Ambiguous, len(found), escapeControls(prefix))
}
