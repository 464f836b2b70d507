package ui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"crieur/store"
)

// The results of store work, each carried back to Update by a message.
type (
	loadedMsg struct {
		backlog     store.Backlog
		recovered   int
		invalidated int
		err         error
	}
	backupMsg struct {
		path string
		err  error
	}
	openedMsg struct {
		post    store.Post
		working *store.Post
		err     error
	}
	savedMsg struct {
		post  store.Post
		was   store.Status // the status before saving
		prev  uint64       // the revision the editor held before saving
		after afterSave
		err   error
	}
	changedMsg struct {
		post   store.Post
		format string // the catalogue message to show, with the title
		err    error
	}
	workingMsg struct {
		at  time.Time
		err error
	}
	autosaveMsg  struct{ gen int }
	revisionsMsg struct {
		post   store.Post
		revs   []store.Revision
		events []store.Event
		err    error
	}
	restoredMsg struct {
		post store.Post
		from uint64
		err  error
	}
	samplesDeletedMsg struct {
		n   int
		err error
	}
	externalMsg struct {
		body string
		err  error
	}
)

// afterSave says what the desk does once a save has landed.
type afterSave int

const (
	stayInEditor afterSave = iota
	closeEditor
	quitDesk
)

// AutosaveEvery is how often what is typed is kept as a working copy: the
// most a crash or a closed laptop can lose.
const AutosaveEvery = 3 * time.Second

func (m Model) loadCmd() tea.Cmd {
	st := m.st
	return func() tea.Msg {
		n, err := st.RecoverWorking()
		if err != nil {
			return loadedMsg{err: err}
		}
		// A setting may have changed what validated posts send since the
		// desk last ran: those go back to ready, and the desk says so.
		invalidated, err := st.Revalidate()
		if err != nil {
			return loadedMsg{err: err}
		}
		backlog, err := st.Backlog()
		return loadedMsg{backlog: backlog, recovered: n, invalidated: invalidated, err: err}
	}
}

// backupCmd makes today's backup, once a day, in a read transaction that
// lets the desk go on meanwhile.
func (m Model) backupCmd() tea.Cmd {
	if !m.backup {
		return nil
	}
	st := m.st
	return func() tea.Msg {
		path, err := st.DailyBackup()
		return backupMsg{path: path, err: err}
	}
}

// settleCmd runs the program's Settle once the backlog is on screen.
func (m Model) settleCmd() tea.Cmd {
	settle := m.settle
	if settle == nil {
		return nil
	}
	return func() tea.Msg {
		settle()
		return nil
	}
}

func (m Model) openCmd(id string) tea.Cmd {
	st := m.st
	return func() tea.Msg {
		p, err := st.Post(id)
		if err != nil {
			return openedMsg{err: err}
		}
		w, ok, err := st.Working(id)
		if err != nil || !ok || store.SameContent(w, p) {
			return openedMsg{post: p, err: err}
		}
		return openedMsg{post: p, working: &w}
	}
}

func (m Model) saveCmd(p store.Post, prev uint64, after afterSave) tea.Cmd {
	st := m.st
	return func() tea.Msg {
		saved, err := st.SavePost(p)
		return savedMsg{post: saved, was: p.Status, prev: prev, after: after, err: err}
	}
}

func (m Model) workingCmd(p store.Post) tea.Cmd {
	st, now := m.st, m.now
	return func() tea.Msg {
		return workingMsg{at: now(), err: st.SaveWorking(p)}
	}
}

func (m Model) discardCmd(id string, then tea.Cmd) tea.Cmd {
	st := m.st
	return func() tea.Msg {
		if err := st.DiscardWorking(id); err != nil {
			return changedMsg{err: err}
		}
		if then != nil {
			return then()
		}
		return nil
	}
}

func (m Model) statusCmd(id string, to store.Status) tea.Cmd {
	st, t := m.st, m.t
	return func() tea.Msg {
		p, err := st.SetStatus(id, to)
		return changedMsg{post: p, format: fmt.Sprintf(t.MsgStatus, "%s", t.Status(string(to))), err: err}
	}
}

func (m Model) archiveCmd(id string) tea.Cmd {
	st, t := m.st, m.t
	return func() tea.Msg {
		p, err := st.Archive(id)
		format := t.MsgArchived
		if p.Status != store.StatusArchived {
			format = t.MsgUnarchived
		}
		return changedMsg{post: p, format: format, err: err}
	}
}

func (m Model) revisionsCmd(id string) tea.Cmd {
	st := m.st
	return func() tea.Msg {
		p, err := st.Post(id)
		if err != nil {
			return revisionsMsg{err: err}
		}
		revs, err := st.Revisions(id)
		if err != nil {
			return revisionsMsg{err: err}
		}
		events, err := st.Events(id)
		return revisionsMsg{post: p, revs: revs, events: events, err: err}
	}
}

func (m Model) restoreCmd(id string, rev uint64) tea.Cmd {
	st := m.st
	return func() tea.Msg {
		p, err := st.Restore(id, rev)
		return restoredMsg{post: p, from: rev, err: err}
	}
}

func (m Model) deleteSamplesCmd() tea.Cmd {
	st := m.st
	return func() tea.Msg {
		n, err := st.DeleteSamples()
		return samplesDeletedMsg{n: n, err: err}
	}
}

func (m Model) autosaveTick(gen int) tea.Cmd {
	if m.autosave <= 0 {
		return nil
	}
	return tea.Tick(m.autosave, func(time.Time) tea.Msg { return autosaveMsg{gen} })
}

// results applies the outcome of store work, whatever screen is showing.
func (m *Model) results(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case loadedMsg:
		m.loaded = true
		if msg.err != nil {
			m.fail(m.errorText(msg.err))
			return nil, true
		}
		m.backlog.setPosts(msg.backlog)
		m.backlog.clamp(m.listHeight())
		if msg.recovered > 0 {
			m.say(fmt.Sprintf(m.t.MsgRecoveredPosts, msg.recovered))
		}
		if msg.invalidated > 0 {
			m.fail(fmt.Sprintf(m.t.MsgInvalidatedBySettings, msg.invalidated))
		}
		return m.settleCmd(), true
	case changedMsg:
		if msg.err != nil {
			m.fail(m.errorText(msg.err))
			return nil, true
		}
		if msg.post.ID != "" {
			m.backlog.upsert(msg.post)
			m.backlog.clamp(m.listHeight())
			m.say(fmt.Sprintf(msg.format, m.title(msg.post.Title)))
		}
		return nil, true
	case backupMsg:
		if msg.err != nil {
			m.fail(fmt.Sprintf(m.t.MsgBackupFailed, firstLine(msg.err.Error())))
		}
		return nil, true
	case samplesDeletedMsg:
		if msg.err != nil {
			m.fail(m.errorText(msg.err))
			return nil, true
		}
		m.backlog.removeSamples()
		m.backlog.clamp(m.listHeight())
		m.say(fmt.Sprintf(m.t.MsgSamplesDeleted, msg.n))
		return nil, true
	}
	return nil, false
}

// errorText turns a store error into a sentence for the status line.
func (m Model) errorText(err error) string {
	switch {
	case errors.Is(err, store.ErrConflict):
		return m.t.MsgConflict
	case errors.Is(err, store.ErrStatus):
		return m.t.MsgStatusNotAllowed
	}
	return fmt.Sprintf(m.t.MsgError, firstLine(err.Error()))
}

func (m Model) title(t string) string {
	if strings.TrimSpace(t) == "" {
		return m.t.Untitled
	}
	return visible(t)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

func splitLines(s string) []string { return strings.Split(s, "\n") }
