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
	cursor  int
	offset  int
	from    screen // where esc goes back to
}

// entry is one line of the history: a revision or an event.
type entry struct {
	rev   *store.Revision
	event *store.Event
}

func (e entry) at() int64 {
	if e.rev != nil {
		return e.rev.At.UnixNano()
	}
	return e.event.At.UnixNano()
}

func (m Model) updateHistory(msg tea.Msg) (tea.Model, tea.Cmd) {
	hs := m.history
	switch msg := msg.(type) {
	case restoredMsg:
		if msg.err != nil {
			m.fail(m.errorText(msg.err))
			return m, nil
		}
		m.backlog.upsert(msg.post)
		m.say(fmt.Sprintf(m.t.MsgRestored, msg.from, msg.post.Rev))
		if m.editor != nil && m.editor.post.ID == msg.post.ID {
			m.history, m.screen = nil, screenEditor
			return m.openEditor(msg.post, nil)
		}
		return m, m.revisionsCmd(msg.post.ID)
	case tea.KeyPressMsg:
		h := max(m.height-4, 1)
		switch {
		case key.Matches(msg, m.keys.Down):
			hs.cursor = min(hs.cursor+1, len(hs.entries)-1)
		case key.Matches(msg, m.keys.Up):
			hs.cursor = max(hs.cursor-1, 0)
		case key.Matches(msg, m.keys.Restore):
			if hs.cursor < 0 || hs.cursor >= len(hs.entries) || hs.entries[hs.cursor].rev == nil {
				return m, nil
			}
			rev := hs.entries[hs.cursor].rev.Rev
			if m.editor != nil && m.editor.dirty() {
				m.fail(m.t.MsgSaveFirst)
				return m, nil
			}
			id := hs.post.ID
			m.ask(fmt.Sprintf(m.t.ConfirmRestore, rev), false, func(m *Model) tea.Cmd {
				return m.restoreCmd(id, rev)
			}, nil)
		case key.Matches(msg, m.keys.Close):
			m.screen, m.history = hs.from, nil
			return m, nil
		case key.Matches(msg, m.keys.Help):
			m.helpFrom, m.screen = screenHistory, screenHelp
		case key.Matches(msg, m.keys.Quit) && hs.from == screenBacklog:
			return m.quit()
		}
		if hs.cursor < hs.offset {
			hs.offset = hs.cursor
		}
		if hs.cursor >= hs.offset+h {
			hs.offset = hs.cursor - h + 1
		}
	}
	return m, nil
}

// showHistory opens the history screen on a post's revisions and events.
func (m *Model) showHistory(msg revisionsMsg) {
	from := m.screen
	if m.history != nil {
		from = m.history.from
	}
	var entries []entry
	for i := range msg.revs {
		entries = append(entries, entry{rev: &msg.revs[i]})
	}
	for i := range msg.events {
		entries = append(entries, entry{event: &msg.events[i]})
	}
	// Oldest first; an event sorts before the revision it made.
	sort.SliceStable(entries, func(i, j int) bool {
		if entries[i].at() != entries[j].at() {
			return entries[i].at() < entries[j].at()
		}
		return entries[i].event != nil && entries[j].rev != nil
	})
	m.history = &history{post: msg.post, entries: entries, cursor: len(entries) - 1, from: from}
	h := max(m.height-4, 1)
	m.history.offset = max(len(entries)-h, 0)
	m.screen = screenHistory
}

func (m Model) revKind(r store.Revision) string {
	k := m.t.RevKinds[r.Kind]
	switch r.Kind {
	case store.RevRestore:
		return fmt.Sprintf(k, r.From)
	case store.RevStatus, store.RevValidate:
		return fmt.Sprintf(m.t.RevKinds[store.RevStatus], m.t.Status(string(r.Post.Status)))
	}
	if k == "" {
		return r.Kind
	}
	return k
}

func (m Model) eventText(e store.Event) string {
	switch e.Kind {
	case store.EventInvalidated:
		return fmt.Sprintf(m.t.EventKinds[e.Kind], m.t.EventReasons[e.Reason])
	case store.EventValidated, store.EventRevoked, store.EventResolved,
		store.EventEditing, store.EventEdited, store.EventDeleting, store.EventDeleted:
		return fmt.Sprintf(m.t.EventKinds[e.Kind], visible(e.By))
	case store.EventUrgent, store.EventEditFailed, store.EventDeleteFailed,
		store.EventEditUnknown, store.EventDeleteUnknown:
		return fmt.Sprintf(m.t.EventKinds[e.Kind], visible(firstLine(e.Reason)))
	}
	return visible(e.Kind)
}

func (m Model) viewHistory(w, h int) string {
	hs := m.history
	st := &m.styles
	head := m.titleBar(w, st.Muted.Render(m.t.HistoryTitle+" · "+m.title(hs.post.Title)))
	if len(hs.entries) == 0 {
		return head + "\n" + st.Muted.Render("  "+m.t.HistoryEmpty)
	}
	listW := min(max(w/2, 34), w)
	var list []string
	rows := max(h-2, 1)
	for i := hs.offset; i < len(hs.entries) && i < hs.offset+rows; i++ {
		e := hs.entries[i]
		var text string
		if e.rev != nil {
			text = fmt.Sprintf("%-3d %s  %s", e.rev.Rev, m.t.Stamp(e.rev.At.In(m.loc)), m.revKind(*e.rev))
		} else {
			text = fmt.Sprintf("    %s  %s", m.t.Stamp(e.event.At.In(m.loc)), m.eventText(*e.event))
		}
		text = ansi.Truncate(text, listW-3, "…")
		switch {
		case i == hs.cursor:
			list = append(list, m.cells.selected.paint(padRight("▌ "+text, listW-1)))
		case e.event != nil && e.event.Kind == store.EventValidated:
			list = append(list, "  "+st.OK.Render(text))
		case e.event != nil:
			list = append(list, "  "+st.Warning.Render(text))
		default:
			list = append(list, "  "+text)
		}
	}
	left := strings.Join(list, "\n")
	if w-listW < 20 {
		return head + "\n\n" + left
	}
	return head + "\n\n" + joinColumns(left, m.historyDetail(hs.entries[hs.cursor], w-listW-2, h-2), listW, 1)
}

// historyDetail shows the selected revision's content, or an event's facts.
func (m Model) historyDetail(e entry, w, h int) string {
	st := &m.styles
	if e.event != nil {
		ev := e.event
		lines := []string{st.Bold.Render(m.eventText(*ev)), st.Muted.Render(m.t.Stamp(ev.At.In(m.loc)))}
		if ev.Hash != "" {
			lines = append(lines, "", st.Muted.Render(ansi.Truncate(ev.Hash, w, "…")))
		}
		return strings.Join(lines, "\n")
	}
	p := e.rev.Post
	return strings.Join([]string{
		st.Bold.Render(ansi.Truncate(m.title(p.Title), w, "…")),
		st.Muted.Render(ansi.Truncate(m.t.Status(string(p.Status))+" · "+m.t.Category(visible(p.Category)), w, "…")),
		st.Muted.Render(ansi.Truncate(visible(p.Link), w, "…")),
		"",
		plainLines(p.Body, w, max(h-4, 1)),
	}, "\n")
}
