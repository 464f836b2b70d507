package ui

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"crieur/store"
)

// history lists a post's revisions and validation events, oldest first,
// and shows the selected one beside the list. Nothing in it can be edited;
// restoring a revision makes a new one.
type history struct {
	post    store.Post
	entries []entry
	list    listCursor
	from    screen // where esc goes back to
	// unsaved: the editor under the history holds typing not saved, which
	// a restore would overwrite.
	unsaved bool
}

// entry is one line of the history: a revision, an event, or an attempt
// at sending that did not go as planned.
type entry struct {
	rev     *store.Revision
	event   *store.Event
	attempt *missed
}

// missed is an attempt at sending that did not go as planned, with its
// send's destination.
type missed struct {
	destination string
	store.Attempt
}

func (e entry) at() int64 {
	switch {
	case e.rev != nil:
		return e.rev.At.UnixNano()
	case e.attempt != nil:
		return e.attempt.Ended.UnixNano()
	}
	return e.event.At.UnixNano()
}

// missedAttempts are the attempts of sends that ended without going as
// planned: failed, unknown, or not sent and tried again.
func missedAttempts(sends []store.Send) []missed {
	var out []missed
	for _, snd := range sends {
		for _, a := range snd.Attempts {
			if a.Ended.IsZero() || (a.Code == "" && a.Err == "") {
				continue
			}
			switch a.State {
			case store.SendFailed, store.SendUnknown:
				out = append(out, missed{destination: snd.Destination, Attempt: a})
			}
		}
	}
	return out
}

// newHistory opens the history of a post's revisions and events, the
// newest selected.
func newHistory(d *desk, msg revisionsMsg, from screen, unsaved bool) *history {
	var entries []entry
	for i := range msg.revs {
		entries = append(entries, entry{rev: &msg.revs[i]})
	}
	for i := range msg.events {
		entries = append(entries, entry{event: &msg.events[i]})
	}
	missed := missedAttempts(msg.sends)
	for i := range missed {
		entries = append(entries, entry{attempt: &missed[i]})
	}
	// Oldest first; an event sorts before the revision it made.
	sort.SliceStable(entries, func(i, j int) bool {
		if entries[i].at() != entries[j].at() {
			return entries[i].at() < entries[j].at()
		}
		return entries[i].event != nil && entries[j].rev != nil
	})
	hs := &history{post: msg.post, entries: entries, from: from, unsaved: unsaved}
	hs.list.cursor = len(entries) - 1
	hs.list.clamp(len(entries), hs.rows(d))
	return hs
}

// rows is how many entries show: the screen less the title, a blank line
// and the footer.
func (hs *history) rows(d *desk) int { return max(d.height-3, 1) }

func (hs *history) selected() (entry, bool) {
	if hs.list.cursor < 0 || hs.list.cursor >= len(hs.entries) {
		return entry{}, false
	}
	return hs.entries[hs.list.cursor], true
}

func (hs *history) keyMap(d *desk) keyMap { return hs.keysNow(d) }

func (hs *history) keysNow(d *desk) historyKeys {
	k := d.keys.history
	e, ok := hs.selected()
	enable(ok && e.rev != nil, &k.Restore)
	enable(len(d.pendingSends) > 0, &k.Pending)
	return k
}

func (hs *history) keyPress(d *desk, k tea.KeyPressMsg) (tea.Cmd, tea.Msg) {
	keys := hs.keysNow(d)
	if hs.list.keyPress(k, keys.listKeys, len(hs.entries), hs.rows(d)) {
		return nil, nil
	}
	switch {
	case key.Matches(k, keys.Restore):
		e, _ := hs.selected()
		if hs.unsaved {
			d.fail(d.t.MsgSaveFirst)
			return nil, nil
		}
		return nil, askMsg{
			question: fmt.Sprintf(d.t.ConfirmRestore, e.rev.Rev),
			yes:      answer{run: d.restoreCmd(hs.post.ID, e.rev.Rev)},
		}
	case key.Matches(k, keys.Close):
		return nil, closeMsg{}
	case key.Matches(k, keys.Pending):
		return nil, showMsg{screenPending}
	case key.Matches(k, keys.Help):
		return nil, showMsg{screenHelp}
	case key.Matches(k, keys.Quit):
		return nil, quitMsg{}
	}
	return nil, nil
}

// postChanged keeps the title of the post up to date.
func (hs *history) postChanged(p store.Post) {
	if hs.post.ID == p.ID {
		hs.post = p
	}
}

// heading is the right of the title line: the post's title.
func (hs *history) heading(d *desk) string {
	return d.styles.Muted.Render(d.t.HistoryTitle + " · " + d.title(hs.post.Title))
}

func (hs *history) View(d *desk, w, h int) string {
	st := d.styles
	if len(hs.entries) == 0 {
		return st.Muted.Render("  " + d.t.HistoryEmpty)
	}
	listW := min(max(w/2, 34), w)
	var list []string
	start, end := hs.list.window(len(hs.entries), max(h-1, 1))
	for i := start; i < end; i++ {
		e := hs.entries[i]
		var text string
		switch {
		case e.rev != nil:
			text = fmt.Sprintf("%-3d %s  %s", e.rev.Rev, d.t.Stamp(e.rev.At.In(d.loc)), d.revKind(*e.rev))
		case e.attempt != nil:
			text = fmt.Sprintf("    %s  %s", d.t.Stamp(e.attempt.Ended.In(d.loc)), d.missedText(*e.attempt))
		default:
			text = fmt.Sprintf("    %s  %s", d.t.Stamp(e.event.At.In(d.loc)), d.eventText(*e.event))
		}
		text = ansi.Truncate(text, listW-3, "…")
		switch {
		case i == hs.list.cursor:
			list = append(list, d.cells.selected.paint(padRight("▌ "+text, listW-1)))
		case e.event != nil && e.event.Kind == store.EventValidated:
			list = append(list, "  "+st.OK.Render(text))
		case e.attempt != nil:
			list = append(list, "  "+st.Error.Render(text))
		case e.event != nil:
			list = append(list, "  "+st.Warning.Render(text))
		default:
			list = append(list, "  "+text)
		}
	}
	left := strings.Join(list, "\n")
	if w-listW < 20 {
		return "\n" + left
	}
	sel, _ := hs.selected()
	return "\n" + joinColumns(left, d.historyDetail(sel, w-listW-2, h-1), listW, 1)
}

// historyDetail shows the selected revision's content, or an event's facts.
func (d *desk) historyDetail(e entry, w, h int) string {
	st := d.styles
	if a := e.attempt; a != nil {
		var lines []string
		for _, l := range wrapped(d.missedText(*a), w) {
			lines = append(lines, st.Bold.Render(l))
		}
		return strings.Join(append(lines, st.Muted.Render(d.t.Stamp(a.Ended.In(d.loc)))), "\n")
	}
	if e.event != nil {
		ev := e.event
		var lines []string
		for _, l := range wrapped(d.eventText(*ev), w) {
			lines = append(lines, st.Bold.Render(l))
		}
		lines = append(lines, st.Muted.Render(d.t.Stamp(ev.At.In(d.loc))))
		if t := ev.Topic; ev.Kind == store.EventDecided && t != nil {
			if len(t.Attendees) > 0 {
				lines = append(lines, "")
				lines = append(lines, wrapped(fmt.Sprintf(d.t.Meet.Screen.Present, visible(strings.Join(t.Attendees, ", "))), w)...)
			}
			if t.Angle != "" {
				lines = append(lines, wrapped(fmt.Sprintf(d.t.Meet.Calendar.Angle, visible(t.Angle)), w)...)
			}
		}
		if ev.Hash != "" {
			lines = append(lines, "", st.Muted.Render(ansi.Truncate(ev.Hash, w, "…")))
		}
		return strings.Join(lines, "\n")
	}
	p := e.rev.Post
	return strings.Join([]string{
		st.Bold.Render(ansi.Truncate(d.title(p.Title), w, "…")),
		st.Muted.Render(ansi.Truncate(d.t.Status(string(p.Status))+" · "+d.t.Category(visible(p.Category)), w, "…")),
		st.Muted.Render(ansi.Truncate(visible(p.Link), w, "…")),
		"",
		plainLines(p.Body, w, max(h-4, 1)),
	}, "\n")
}

// missedText says which destination an attempt did not reach as planned,
// and why.
func (d *desk) missedText(a missed) string {
	return fmt.Sprintf(d.t.SendErrors.Attempts[string(a.State)], visible(a.destination), d.sendError(a.Code, a.HTTP, a.Err))
}

func (d *desk) revKind(r store.Revision) string {
	k := d.t.RevKinds[r.Kind]
	switch r.Kind {
	case store.RevRestore:
		return fmt.Sprintf(k, r.From)
	case store.RevStatus, store.RevValidate:
		return fmt.Sprintf(d.t.RevKinds[store.RevStatus], d.t.Status(string(r.Post.Status)))
	case store.RevSend, store.RevPlan:
		return fmt.Sprintf(k, d.t.Status(string(r.Post.Status)))
	}
	if k == "" {
		return r.Kind
	}
	return k
}

func (d *desk) eventText(e store.Event) string {
	switch e.Kind {
	case store.EventInvalidated:
		return fmt.Sprintf(d.t.EventKinds[e.Kind], d.t.EventReasons[e.Reason])
	case store.EventValidated, store.EventRevoked, store.EventResolved, store.EventPasted, store.EventNotPasted,
		store.EventEditing, store.EventEdited, store.EventDeleting, store.EventDeleted:
		return fmt.Sprintf(d.t.EventKinds[e.Kind], visible(e.By))
	case store.EventUrgent:
		return fmt.Sprintf(d.t.EventKinds[e.Kind], visible(firstLine(e.Reason)))
	case store.EventEditFailed, store.EventDeleteFailed, store.EventEditUnknown, store.EventDeleteUnknown:
		// Why the correction did not go, in the person's language; an
		// event logged before codes has the back-end's words alone.
		return fmt.Sprintf(d.t.EventKinds[e.Kind], d.sendError(e.Code, 0, e.Reason))
	case store.EventDecided:
		if text := d.decisionText(e.Topic); text != "" {
			return text
		}
		return fmt.Sprintf(d.t.EventKinds[e.Kind], visible(e.By))
	case store.EventReleased:
		if e.Topic != nil && !e.Topic.Slot.IsZero() {
			return fmt.Sprintf(d.t.Meet.Screen.EventReleased, d.slotShort(e.Topic.Slot))
		}
		return fmt.Sprintf(d.t.EventKinds[e.Kind], visible(e.By))
	}
	return visible(e.Kind)
}

// decisionText says what a meeting decided about a post: its date, and
// the slot and writer, the week, or the reason.
func (d *desk) decisionText(t *store.Topic) string {
	if t == nil {
		return ""
	}
	w := &d.t.Meet.Screen
	held := d.t.LongDate(t.Meeting.In(d.loc))
	switch t.Decision {
	case store.DecideThisWeek:
		return fmt.Sprintf(w.EventThisWeek, held, d.slotShort(t.Slot), visible(t.Writer))
	case store.DecideLater:
		return fmt.Sprintf(w.EventLater, held, visible(t.Week))
	case store.DecideDropped:
		return fmt.Sprintf(w.EventDropped, held, visible(firstLine(t.Reason)))
	}
	return ""
}
