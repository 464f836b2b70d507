package ui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"crieur/store"
)

// history lists a post's revisions, oldest first, and shows the selected
// one beside the list. Nothing in it can be edited; restoring makes a new
// revision.
type history struct {
	post   store.Post
	revs   []store.Revision
	cursor int
	offset int
	from   screen // where esc goes back to
}

func (m Model) updateHistory(msg tea.Msg) (tea.Model, tea.Cmd) {
	hs := m.history
	switch msg := msg.(type) {
	case restoredMsg:
		if msg.err != nil {
			m.fail(m.errorText(msg.err))
			return m, nil
		}
		m.backlog.upsert(msg.post.Summary())
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
			hs.cursor = min(hs.cursor+1, len(hs.revs)-1)
		case key.Matches(msg, m.keys.Up):
			hs.cursor = max(hs.cursor-1, 0)
		case key.Matches(msg, m.keys.Restore):
			if hs.cursor < 0 || hs.cursor >= len(hs.revs) {
				return m, nil
			}
			rev := hs.revs[hs.cursor].Rev
			if m.editor != nil && m.editor.dirty() {
				m.fail(m.t.ConfirmLeave)
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

// showHistory opens the history screen on a loaded list of revisions.
func (m *Model) showHistory(msg revisionsMsg) {
	from := m.screen
	if m.history != nil {
		from = m.history.from
	}
	m.history = &history{post: msg.post, revs: msg.revs, cursor: len(msg.revs) - 1, from: from}
	h := max(m.height-4, 1)
	m.history.offset = max(len(msg.revs)-h, 0)
	m.screen = screenHistory
}

func (m Model) revKind(r store.Revision) string {
	k := m.t.RevKinds[r.Kind]
	switch r.Kind {
	case store.RevRestore:
		return fmt.Sprintf(k, r.From)
	case store.RevStatus:
		return fmt.Sprintf(k, m.t.Status(r.Post.Status))
	case "":
		return r.Kind
	}
	return k
}

func (m Model) viewHistory(w, h int) string {
	hs := m.history
	st := &m.styles
	lines := []string{m.titleBar(w, st.Muted.Render(m.t.HistoryTitle+" · "+m.title(hs.post.Title)))}
	if len(hs.revs) == 0 {
		return lines[0] + "\n" + st.Muted.Render("  "+m.t.HistoryEmpty)
	}
	listW := min(max(w/2, 34), w)
	var list []string
	rows := max(h-2, 1)
	for i := hs.offset; i < len(hs.revs) && i < hs.offset+rows; i++ {
		r := hs.revs[i]
		text := fmt.Sprintf("%s %-3d %s  %s", " ", r.Rev, m.t.Stamp(r.At.In(m.loc)), m.revKind(r))
		if i == hs.cursor {
			list = append(list, st.RowSelected.Render(padRight(ansi.Truncate("▌"+text[1:], listW-1, "…"), listW-1)))
		} else {
			list = append(list, ansi.Truncate(text, listW-1, "…"))
		}
	}
	left := strings.Join(list, "\n")
	if w-listW < 20 {
		return lines[0] + "\n\n" + left
	}
	p := hs.revs[hs.cursor].Post
	detail := []string{
		st.Bold.Render(m.title(p.Title)),
		st.Muted.Render(m.t.Status(p.Status) + " · " + m.t.Category(visible(p.Category))),
		st.Muted.Render(visible(p.Link)),
		"",
		plainLines(p.Body, w-listW-2, max(h-6, 1)),
	}
	return lines[0] + "\n\n" + joinColumns(left, strings.Join(detail, "\n"), listW, 1)
}
