package ui

import (
	"fmt"
	"os"
	"os/exec"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	xeditor "github.com/charmbracelet/x/editor"

	"crieur/store"
	"crieur/ui/textedit"
)

type field int

const (
	fieldTitle field = iota
	fieldCategory
	fieldLink
	fieldImage
	fieldAlt
	fieldBody
	fieldNotes
	fieldCount
)

// editor holds one post being written. The stored version stays in post;
// the widgets hold what is typed; the difference is what "unsaved" means.
// What is typed is kept as a working copy on every autosave tick, whatever
// screen shows, so a crash loses at most one tick of typing.
type editor struct {
	post       store.Post
	inputs     [fieldCount]textinput.Model // title, link, image, alt
	categories []string
	category   int
	body       textedit.Model
	notes      textedit.Model
	focus      field

	gen  int    // autosave generation: ticks of a closed editor are ignored
	kept string // the content last kept as a working copy

	memos struct { // the title line's right and the labels, as last drawn
		heading memo
		labels  [fieldCount]memo
	}

	notesView notesRender // glamour output of the notes, made in a Cmd
	proof     proof       // the outgoing message, its checks and its phone

	// On the team desk: the picture, chosen from the member's inbox
	// (inbox, its pictures newest first), never typed.
	served   bool
	inboxDir string
	picture  string
	inbox    []string
}

// newEditor shows a post in the editor; working, if not nil, is unsaved
// content found for it and is loaded over the stored version. gen tells
// this editor's autosave ticks from those of editors closed before.
func newEditor(d *desk, p store.Post, working *store.Post, gen int) (*editor, tea.Cmd) {
	e := &editor{post: p, focus: fieldTitle, gen: gen, served: d.served()}
	e.proof.typing = true
	if e.served {
		e.inboxDir = d.member.Inbox
	}
	content := p
	if working != nil {
		content = *working
	}
	for _, f := range []field{fieldTitle, fieldLink, fieldImage, fieldAlt} {
		in := textinput.New()
		in.Prompt = ""
		in.CharLimit = 2048
		e.inputs[f] = in
	}
	e.inputs[fieldTitle].Placeholder = d.t.TitlePlaceholder
	e.inputs[fieldLink].Placeholder = d.t.LinkPlaceholder
	e.inputs[fieldImage].Placeholder = d.t.ImagePlaceholder
	e.inputs[fieldAlt].Placeholder = d.t.AltPlaceholder
	if e.served {
		e.inputs[fieldImage].Placeholder = d.t.Team.ImageInboxHint
	}
	e.body = newTextField(d.t.BodyPlaceholder)
	e.notes = newTextField(d.t.NotesPlaceholder)
	e.setContent(d, content)

	e.layout(d)
	e.restyle(d)
	image := e.refreshProof(d)
	if working != nil {
		d.say(fmt.Sprintf(d.t.MsgRecovered, d.t.Stamp(working.Updated.In(d.loc))))
	}
	return e, tea.Batch(e.focusField(fieldTitle), d.autosaveTick(e.gen), e.renderNotesCmd(d), image, d.fetchCardCmd(p, false))
}

// setContent puts a post's content in the widgets.
func (e *editor) setContent(d *desk, content store.Post) {
	// Control characters are shown as symbols, never passed to the
	// terminal: a post that carries some reads as modified, and saving it
	// keeps the symbols instead.
	e.inputs[fieldTitle].SetValue(visible(content.Title))
	e.inputs[fieldLink].SetValue(visible(content.Link))
	e.inputs[fieldImage].SetValue(visible(content.Image))
	if e.served {
		// No path of the server shows: the picture's name alone.
		e.picture = content.Image
		e.inputs[fieldImage].SetValue(visible(pictureName(content.Image)))
	}
	e.inputs[fieldAlt].SetValue(visible(content.Alt))

	e.categories = append([]string{""}, d.settings.CategoryNames()...)
	e.category = -1
	for i, c := range e.categories {
		if c == content.Category {
			e.category = i
		}
	}
	if e.category < 0 { // a category typed elsewhere stays selectable
		e.categories = append(e.categories, content.Category)
		e.category = len(e.categories) - 1
	}

	e.body.SetValue(visibleKeepNewlines(content.Body))
	e.body.MoveToBegin()
	e.notes.SetValue(visibleKeepNewlines(content.Notes))
	e.notes.MoveToBegin()
	e.kept = e.contentKey()
}

// fill shows a stored post in place of what the widgets hold: the other
// text of a save over a newer revision, or a post someone else changed
// while nothing was typed here.
func (e *editor) fill(d *desk, p store.Post) tea.Cmd {
	e.post = p
	e.setContent(d, p)
	e.proof.key = ""
	return tea.Batch(e.refreshProof(d), e.renderNotesCmd(d))
}

// newTextField is a multi-line field of the editor. What is typed or
// pasted in it has its control characters made visible, as a stored text
// has when the editor opens it.
func newTextField(placeholder string) textedit.Model {
	f := textedit.New()
	f.Placeholder = placeholder
	f.Sanitize = visibleKeepNewlines
	return f
}

// current is the post as typed.
func (e *editor) current() store.Post {
	p := e.post
	p.Title = e.inputs[fieldTitle].Value()
	p.Link = strings.TrimSpace(e.inputs[fieldLink].Value())
	p.Image = strings.TrimSpace(e.inputs[fieldImage].Value())
	if e.served {
		p.Image = e.picture
	}
	p.Alt = e.inputs[fieldAlt].Value()
	p.Category = e.categories[e.category]
	p.Body = e.body.Value()
	p.Notes = e.notes.Value()
	return p
}

func (e *editor) dirty() bool { return !store.SameContent(e.current(), e.post) }

func (e *editor) contentKey() string {
	p := e.current()
	return strings.Join([]string{p.Title, p.Category, p.Link, p.Image, p.Alt, p.Body, p.Notes}, "\x00")
}

func (e *editor) focusField(f field) tea.Cmd {
	for i := range e.inputs {
		e.inputs[i].Blur()
	}
	e.body.Blur()
	e.notes.Blur()
	e.focus = f
	switch f {
	case fieldImage:
		if e.served {
			return e.inboxCmd()
		}
	case fieldBody:
		return e.body.Focus()
	case fieldNotes:
		return e.notes.Focus()
	case fieldCategory:
		return nil
	}
	return e.inputs[f].Focus()
}

// labelWidth is the column of field names on the editor's left.
const labelWidth = 11

// maxFormWidth is the widest the editor's form grows, in columns.
const maxFormWidth = 100

// split divides the width between the form and the preview. Below 72
// columns the preview gives way to the form; on a wide terminal the form
// stops at a readable measure and the phone stays beside it.
func (e *editor) split(d *desk) (left, right int) {
	right = min(d.settings.Preview.Width+2, d.width/2)
	if d.width < 72 {
		return d.width, 0
	}
	return min(d.width-right-1, maxFormWidth), right
}

// heights shares the rows between the body and the notes: the title line,
// five fields and two section rules take eight, the footer one.
func (e *editor) heights(d *desk) (body, notes int) {
	free := max(d.height-1-8, 2)
	notes = max(min(free/3, 8), 1)
	return max(free-notes, 1), notes
}

// layout sizes the widgets for the window; called on open and resize.
func (e *editor) layout(d *desk) {
	left, _ := e.split(d)
	inner := max(left-labelWidth-1, 4)
	for _, f := range []field{fieldTitle, fieldLink, fieldImage, fieldAlt} {
		e.inputs[f].SetWidth(inner)
	}
	bodyH, notesH := e.heights(d)
	e.body.SetWidth(max(left-2, 4))
	e.body.SetHeight(bodyH)
	e.notes.SetWidth(max(left-2, 4))
	e.notes.SetHeight(notesH)
}

func (e *editor) restyle(d *desk) {
	ts := textFieldStyles(d.styles)
	e.body.SetStyles(ts)
	e.notes.SetStyles(ts)
	is := inputStyles(d.styles)
	for _, f := range []field{fieldTitle, fieldLink, fieldImage, fieldAlt} {
		e.inputs[f].SetStyles(is)
	}
}

// refreshProof brings the preview beside the form up to date with what is
// typed.
func (e *editor) refreshProof(d *desk) tea.Cmd {
	_, right := e.split(d)
	return e.proof.refresh(d, e.current(), right)
}

// keyMap is the editor's keys as they apply to the field in focus.
func (e *editor) keyMap(d *desk) keyMap { return e.keysNow(d) }

func (e *editor) keysNow(d *desk) editorKeys {
	k := d.keys.editor
	enable(e.focus == fieldCategory, &k.CategoryPrev, &k.CategoryNext)
	enable(e.focus < fieldBody, &k.FieldDown)
	enable(e.focus > fieldTitle && e.focus < fieldBody, &k.FieldUp)
	enable(d.canFetchCard(e.post), &k.RefreshCard)
	enable(e.post.Rev > 0, &k.History)
	// On the team desk nothing runs on the server: no $EDITOR; and a
	// picture comes from the member's inbox, never from a path typed.
	enable(!d.served(), &k.External)
	enable(d.served() && e.focus == fieldImage, &k.ImageNext, &k.ImagePrev, &k.ImageClear)
	return k
}

// keyPress handles a key in the editor, then brings the preview and the
// checks up to date with what is typed.
func (e *editor) keyPress(d *desk, k tea.KeyPressMsg) (tea.Cmd, tea.Msg) {
	cmd, next := e.key(d, k)
	if next != nil {
		return cmd, next
	}
	return tea.Batch(cmd, e.refreshProof(d)), nil
}

func (e *editor) key(d *desk, k tea.KeyPressMsg) (tea.Cmd, tea.Msg) {
	keys := e.keysNow(d)
	switch {
	case key.Matches(k, keys.Save):
		return d.saveCmd(d.checked(e.current()), e.post.Rev, stayInEditor), nil
	case key.Matches(k, keys.Preview):
		return nil, previewMsg{post: e.current(), typed: true, unsaved: e.dirty()}
	case key.Matches(k, keys.PhoneTheme):
		d.togglePhoneTheme()
	case key.Matches(k, keys.RefreshCard):
		return d.fetchCardCmd(e.post, true), nil
	case key.Matches(k, keys.Close):
		return e.leave(d)
	case key.Matches(k, keys.NextField):
		return tea.Batch(e.focusField((e.focus+1)%fieldCount), e.renderNotesCmd(d)), nil
	case key.Matches(k, keys.PrevField):
		return tea.Batch(e.focusField((e.focus+fieldCount-1)%fieldCount), e.renderNotesCmd(d)), nil
	case key.Matches(k, keys.External):
		return externalCmd(e.post.ID, e.body.Value()), nil
	case key.Matches(k, keys.Help):
		return nil, showMsg{screenHelp}
	case key.Matches(k, keys.History):
		return d.revisionsCmd(e.post.ID), nil
	case key.Matches(k, keys.CategoryPrev):
		e.category = (e.category + len(e.categories) - 1) % len(e.categories)
	case key.Matches(k, keys.CategoryNext):
		e.category = (e.category + 1) % len(e.categories)
	case key.Matches(k, keys.FieldDown):
		return e.focusField(e.focus + 1), nil
	case key.Matches(k, keys.FieldUp):
		return e.focusField(e.focus - 1), nil
	case key.Matches(k, keys.ImageNext, keys.ImagePrev, keys.ImageClear):
		e.pickPicture(d, k, keys)
	case e.focus == fieldCategory:
		// The category is chosen, never typed.
	case e.focus == fieldImage && d.served():
		d.fail(d.t.Team.MsgImagePath)
	default:
		return e.forwardToField(k), nil
	}
	return nil, nil
}

// forward hands what is typed (keys, pastes) to the field in focus.
func (e *editor) forward(d *desk, msg tea.Msg) tea.Cmd {
	if e.served && e.focus == fieldImage {
		d.fail(d.t.Team.MsgImagePath) // a path pasted is no picture of the inbox
		return nil
	}
	return tea.Batch(e.forwardToField(msg), e.refreshProof(d))
}

func (e *editor) forwardToField(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch e.focus {
	case fieldBody:
		cmd = e.body.Update(msg)
	case fieldNotes:
		cmd = e.notes.Update(msg)
	case fieldCategory:
	default:
		e.inputs[e.focus], cmd = e.inputs[e.focus].Update(msg)
	}
	return cmd
}

// leave closes the editor, asking first when something is unsaved.
func (e *editor) leave(d *desk) (tea.Cmd, tea.Msg) {
	if !e.dirty() {
		return d.discardCmd(e.post.ID, nil), closeEditorMsg{}
	}
	return nil, askMsg{
		question: d.t.ConfirmLeave, threeWay: true,
		yes: answer{run: d.saveCmd(d.checked(e.current()), e.post.Rev, closeEditor)},
		no:  answer{now: closeEditorMsg{}, run: d.discardCmd(e.post.ID, nil)},
	}
}

// quit leaves the desk, asking first when something is unsaved.
func (e *editor) quit(d *desk) (tea.Cmd, tea.Msg) {
	if !e.dirty() {
		// Nothing unsaved: no working copy may outlive the desk.
		return d.discardCmd(e.post.ID, tea.Quit), nil
	}
	return nil, askMsg{
		question: d.t.ConfirmQuitDirty, threeWay: true,
		yes: answer{run: d.saveCmd(d.checked(e.current()), e.post.Rev, quitDesk)},
		// The editor closes at once: what it held was let go, and must
		// not be kept again as the desk ends.
		no: answer{now: closeEditorMsg{}, run: d.discardCmd(e.post.ID, tea.Quit)},
	}
}

// autosaved keeps what is typed as a working copy when it changed since
// the last tick, and schedules the next tick. It runs whatever screen
// shows: the editor may be under the preview, the history or the help.
func (e *editor) autosaved(d *desk, msg autosaveMsg) tea.Cmd {
	if msg.gen != e.gen {
		return nil
	}
	k := e.contentKey()
	if k == e.kept {
		return d.autosaveTick(e.gen)
	}
	e.kept = k
	if !e.dirty() {
		// Typed, then undone: the kept working copy is stale and must
		// not come back as "unsaved changes".
		return tea.Batch(d.discardCmd(e.post.ID, nil), d.autosaveTick(e.gen))
	}
	return tea.Batch(d.workingCmd(e.current()), d.autosaveTick(e.gen))
}

// saved takes the post as the save stored it: what is typed is kept.
func (e *editor) saved(msg savedMsg) {
	if e.post.ID == msg.post.ID {
		e.kept = e.contentKey()
	}
}

// postChanged takes the stored post after a change made elsewhere (a
// save, a validation, a card): what is typed stays.
func (e *editor) postChanged(d *desk, p store.Post) tea.Cmd {
	if e.post.ID != p.ID {
		return nil
	}
	if d.member != nil && !store.SameContent(p, e.post) && !store.SameContent(p, e.current()) {
		// Someone else saved another text. Typing here stays, on top of
		// the version it started from, so that saving asks which wins;
		// with nothing typed, their text shows.
		if e.dirty() {
			return nil
		}
		return e.fill(d, p)
	}
	e.post = p
	e.proof.key = "" // the message may have changed (a card)
	return e.refreshProof(d)
}

// externalReady hands the terminal to the person's own editor.
func (e *editor) externalReady(d *desk, msg externalReadyMsg) tea.Cmd {
	if msg.err != nil {
		d.fail(fmt.Sprintf(d.t.MsgEditorFailed, firstLine(msg.err.Error())))
		return nil
	}
	return runExternal(msg)
}

// external takes the body back from the person's own editor.
func (e *editor) external(d *desk, msg externalMsg) tea.Cmd {
	if msg.err != nil {
		d.fail(fmt.Sprintf(d.t.MsgEditorFailed, firstLine(msg.err.Error())))
		return nil
	}
	e.body.SetValue(strings.TrimRight(msg.body, "\n"))
	d.say(d.t.MsgEditorReloaded)
	return e.refreshProof(d)
}

// notesRendered takes the notes drawn by glamour, if they are still the
// notes, the width and the theme of now.
func (e *editor) notesRendered(d *desk, msg notesRender) {
	if e.notesView.key == "" || msg.key == e.notesKey(d) {
		e.notesView = msg
	}
}

// editorCommand opens path in $VISUAL, else $EDITOR, else the system's
// default editor.
func editorCommand(path string) (*exec.Cmd, error) {
	if v := strings.Fields(os.Getenv("VISUAL")); len(v) > 0 {
		return exec.Command(v[0], append(v[1:], path)...), nil
	}
	return xeditor.Command("crieur", path)
}

// workingKept reports a working copy that could not be kept.
func (d *desk) workingKept(msg workingMsg) {
	if msg.err != nil {
		d.fail(d.errorText(msg.err))
	}
}
