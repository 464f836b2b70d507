package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"crieur/settings"
	"crieur/store"
)

// The team desk: the same desk served to each member of the team over
// SSH, one program per session on one open file. A session knows its
// member and their role; it tells the others what it changed through its
// Team, and hears from them through the messages PostChanged, Reload,
// Presence and MemberChanged, which the server sends to its program.

// Member is the person a session of the team desk serves.
type Member struct {
	Name string
	Role string // settings.RoleWriter, RoleValidator or RoleAdmin
	// Inbox is the folder of the pictures the member sent by scp: the
	// only pictures a session may put in a post.
	Inbox string
}

// Team joins a session to the others. Publish hands one of the messages
// below to the server, which passes it on; it never blocks.
type Team interface {
	Publish(msg tea.Msg)
}

// Editing is what a session publishes when the post its editor shows
// changes ("" when the editor closes).
type Editing struct{ PostID string }

// action is something a role may or may not do.
type action int

const (
	actValidate action = iota // validate, revoke
	actPlan                   // plan, unplan, swap, archive
	actSend                   // send now, urgent sends, settle sends, corrections
	actAdmin                  // WhatsApp, the channel, the sample week
)

// team is a session's part of the desk; the zero value is the desk of one
// person, who may do everything.
type team struct {
	member  *Member
	link    Team
	shared  *SharedBacklog    // the backlog's index, one for every session
	others  []string          // the other members connected, by name
	editing map[string]string // post id -> the other member editing it
	told    string            // the post id last published as edited
	// lifted lifts the role's limits (liftRole) or every limit of a
	// session (liftAll), to tell a key refused from a key unknown.
	lifted int
}

const (
	liftNone = iota
	liftRole
	liftAll
)

// served says whether the desk is a session of the team desk.
func (d *desk) served() bool { return d.member != nil && d.lifted < liftAll }

// may says whether the desk's person may do a.
func (d *desk) may(a action) bool {
	if d.member == nil || d.lifted >= liftRole {
		return true
	}
	switch d.member.Role {
	case settings.RoleAdmin:
		return true
	case settings.RoleValidator:
		return a != actAdmin
	}
	return false
}

// refused says why a key the screen knows is not on for this session,
// when it is a role's or the team desk's limit; "" when it is not.
func (m *Model) refused(k tea.KeyPressMsg) string {
	d := &m.desk
	if d.member == nil {
		return ""
	}
	p := m.page()
	now := flatten(p.keyMap(d))
	for _, b := range now {
		if b.Enabled() && key.Matches(k, b) {
			return ""
		}
	}
	defer func() { d.lifted = liftNone }()
	for _, lift := range []int{liftRole, liftAll} {
		d.lifted = lift
		for i, b := range flatten(p.keyMap(d)) {
			if i >= len(now) || !b.Enabled() || now[i].Enabled() || !key.Matches(k, b) {
				continue
			}
			switch {
			case lift == liftAll:
				return d.t.Team.MsgNoExternal
			case d.member.Role == settings.RoleValidator:
				return d.t.Team.MsgAdminOnly
			}
			return fmt.Sprintf(d.t.Team.MsgRoleRefused, d.t.Team.Role(d.member.Role))
		}
	}
	return ""
}

func flatten(km keyMap) []key.Binding {
	var out []key.Binding
	for _, group := range km.FullHelp() {
		out = append(out, group...)
	}
	return out
}

// publish tells the other sessions, off the desk's loop.
func (d *desk) publish(msg tea.Msg) tea.Cmd {
	link := d.link
	if link == nil {
		return nil
	}
	return func() tea.Msg {
		link.Publish(msg)
		return nil
	}
}

// shared is what a result changed that the other sessions must hear of.
func (m *Model) shared(msg tea.Msg) tea.Msg {
	by := ""
	if m.member != nil {
		by = m.member.Name
	}
	post := func(p store.Post, err error) tea.Msg {
		if err != nil || p.ID == "" {
			return nil
		}
		return PostChanged{Post: p, By: by}
	}
	switch msg := msg.(type) {
	case savedMsg:
		return post(msg.post, msg.err)
	case changedMsg:
		return post(msg.post, msg.err)
	case validatedMsg:
		return post(msg.post, msg.err)
	case restoredMsg:
		return post(msg.post, msg.err)
	case correctedMsg:
		return post(msg.post, msg.err)
	case cardFetchedMsg:
		return post(msg.post, msg.err)
	case weekChangedMsg, samplesDeletedMsg:
		return Reload{By: by}
	case dispatchedMsg:
		if msg.err == nil && (len(msg.report.Sends) > 0 || msg.report.Recovered > 0) {
			return Reload{By: by}
		}
	}
	return nil
}

// teamUpdate publishes what a result changed, and the post the editor
// shows when it changed.
func (m *Model) teamUpdate(msg tea.Msg) tea.Cmd {
	if m.link == nil {
		return nil
	}
	var cmds []tea.Cmd
	if out := m.shared(msg); out != nil {
		cmds = append(cmds, m.publish(out))
	}
	editing := ""
	if m.editor != nil {
		editing = m.editor.post.ID
	}
	if editing != m.told {
		m.told = editing
		cmds = append(cmds, m.publish(Editing{PostID: editing}))
	}
	return tea.Batch(cmds...)
}

// changedElsewhere takes a post another session changed.
func (m *Model) changedElsewhere(msg PostChanged) tea.Cmd {
	shown := (m.editor != nil && m.editor.post.ID == msg.Post.ID) ||
		(m.preview != nil && m.preview.proof.post.ID == msg.Post.ID)
	if shown && msg.By != "" {
		text := m.t.Team.MsgChangedBy
		if m.editor != nil && m.editor.post.ID == msg.Post.ID && m.editor.dirty() && !store.SameContent(msg.Post, m.editor.post) {
			text = m.t.Team.MsgNewerWhileTyping
		}
		m.say(fmt.Sprintf(text, visible(msg.By), m.title(msg.Post.Title)))
	}
	return m.postChanged(msg.Post)
}

// presence takes who else is connected and what they edit.
func (d *desk) presence(msg Presence) {
	d.others = slices.Clone(msg.Others)
	d.editing = msg.Editing
}

// memberChanged takes the member's role and the settings as the server
// read them again.
func (m *Model) memberChanged(msg MemberChanged) {
	d := &m.desk
	if d.member == nil {
		return
	}
	role := d.member.Role
	member := msg.Member
	d.member = &member
	d.settings = msg.Settings
	d.loc = msg.Settings.Location()
	d.who = member.Name
	if member.Role != role {
		d.say(fmt.Sprintf(d.t.Team.MsgRoleChanged, d.t.Team.Role(member.Role)))
	}
}

// editedBy is the other member editing a post, if any.
func (d *desk) editedBy(id string) string {
	if d.editing == nil {
		return ""
	}
	return d.editing[id]
}

// NewSession is the desk of one session of the team desk, guarded as Run
// guards the desk: an error of its own ends that session alone, and
// Crashed says what it was.
func NewSession(cfg Config) tea.Model { return newGuard(New(cfg)) }

// Crashed is the error a session's desk stopped on, if it did.
func Crashed(model tea.Model) *Crash {
	if g, ok := model.(guard); ok {
		return g.crashed()
	}
	return nil
}

// KeepWorking keeps what a session's editor holds as the member's working
// copy, at once: the server calls it when a session ends (a dropped
// connection, idleness, the server stopping), so that the typing of the
// last seconds is offered on the next connection. It does nothing when
// nothing is unsaved.
func KeepWorking(model tea.Model) error {
	if g, ok := model.(guard); ok {
		model = g.desk
	}
	m, ok := model.(Model)
	if !ok || m.editor == nil || !m.editor.dirty() {
		return nil
	}
	return m.st.SaveWorking(m.editor.current())
}

// inboxCmd reads the member's picture inbox, newest first (the server
// names the pictures by the time they came).
func (e *editor) inboxCmd() tea.Cmd {
	dir := e.inboxDir
	return func() tea.Msg {
		entries, err := os.ReadDir(dir)
		if errors.Is(err, fs.ErrNotExist) {
			return inboxMsg{}
		}
		if err != nil {
			return inboxMsg{err: err}
		}
		var pictures []string
		for _, en := range entries {
			ext := strings.ToLower(filepath.Ext(en.Name()))
			if en.Type().IsRegular() && (ext == ".jpg" || ext == ".png") {
				pictures = append(pictures, filepath.Join(dir, en.Name()))
			}
		}
		sort.Sort(sort.Reverse(sort.StringSlice(pictures)))
		return inboxMsg{pictures: pictures}
	}
}

// inboxRead takes the pictures of the member's inbox.
func (e *editor) inboxRead(d *desk, msg inboxMsg) {
	if msg.err != nil {
		d.fail(d.errorText(msg.err))
		return
	}
	e.inbox = msg.pictures
}

// pickPicture chooses the post's picture among the inbox's, or none.
func (e *editor) pickPicture(d *desk, k tea.KeyPressMsg, keys editorKeys) {
	options := append([]string{""}, e.inbox...)
	i := max(slices.Index(options, e.picture), 0)
	switch {
	case key.Matches(k, keys.ImageClear):
		i = 0
	case len(e.inbox) == 0:
		d.fail(d.t.Team.MsgInboxEmpty)
		return
	case key.Matches(k, keys.ImageNext):
		i = (i + 1) % len(options)
	default:
		i = (i + len(options) - 1) % len(options)
	}
	e.picture = options[i]
	e.inputs[fieldImage].SetValue(visible(pictureName(e.picture)))
	if e.picture != "" {
		d.say(fmt.Sprintf(d.t.Team.MsgImageChosen, visible(pictureName(e.picture))))
	}
}

// pictureName is a picture's name without its folder: no path of the
// server shows in a session.
func pictureName(path string) string {
	if path == "" {
		return ""
	}
	return filepath.Base(path)
}
