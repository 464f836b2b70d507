package ui

import (
	"fmt"
	"os"
	"os/exec"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	xeditor "github.com/charmbracelet/x/editor"

	"crieur/message"
	"crieur/store"
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
type editor struct {
	post       store.Post
	inputs     [fieldCount]textinput.Model // title, link, image, alt
	categories []string
	category   int
	body       textarea.Model
	notes      textarea.Model
	focus      field

	gen  int    // autosave generation: ticks of a closed editor are ignored
	kept string // the content last kept as a working copy

	notesView notesRender // glamour output of the notes, made in a Cmd
	proof     proof       // the outgoing message, its checks and its phone
}

// newPost is a fresh idea with its id already chosen, so its working copy
// can be kept before the first save.
func (m Model) newPost() store.Post {
	return store.Post{ID: store.NewID(m.now()), Status: store.StatusIdea, Author: m.settings.Desk.Name}
}

// openEditor shows a post in the editor; working, if not nil, is unsaved
// content found for it and is loaded over the stored version.
func (m Model) openEditor(p store.Post, working *store.Post) (tea.Model, tea.Cmd) {
	e := &editor{post: p, focus: fieldTitle}
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
	e.inputs[fieldTitle].Placeholder = m.t.TitlePlaceholder
	e.inputs[fieldLink].Placeholder = m.t.LinkPlaceholder
	e.inputs[fieldImage].Placeholder = m.t.ImagePlaceholder
	e.inputs[fieldAlt].Placeholder = m.t.AltPlaceholder
	// Control characters are shown as symbols, never passed to the
	// terminal: a post that carries some reads as modified, and saving it
	// keeps the symbols instead.
	e.inputs[fieldTitle].SetValue(visible(content.Title))
	e.inputs[fieldLink].SetValue(visible(content.Link))
	e.inputs[fieldImage].SetValue(visible(content.Image))
	e.inputs[fieldAlt].SetValue(visible(content.Alt))

	e.categories = append([]string{""}, store.Categories...)
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

	e.body = newTextarea(m.t.BodyPlaceholder)
	e.body.SetValue(visibleKeepNewlines(content.Body))
	e.body.MoveToBegin()
	e.notes = newTextarea(m.t.NotesPlaceholder)
	e.notes.SetValue(visibleKeepNewlines(content.Notes))
	e.notes.MoveToBegin()
	e.kept = e.contentKey()

	m.backlog.filtering = false
	m.editor = e
	m.screen = screenEditor
	m.gen++
	e.gen = m.gen
	m.layoutEditor()
	m.styleEditor()
	_, right := m.editorSplit()
	image := m.refresh(&e.proof, e.current(), right)
	if working != nil {
		m.say(fmt.Sprintf(m.t.MsgRecovered, m.t.Stamp(working.Updated.In(m.loc))))
	}
	return m, tea.Batch(m.focusField(fieldTitle), m.autosaveTick(e.gen), m.renderNotesCmd(), image, m.fetchCardCmd(p, false))
}

func newTextarea(placeholder string) textarea.Model {
	ta := textarea.New()
	ta.Prompt = ""
	ta.ShowLineNumbers = false
	ta.Placeholder = placeholder
	ta.CharLimit = 0
	ta.MaxHeight = 0
	ta.MaxWidth = 0
	return ta
}

// current is the post as typed.
func (e *editor) current() store.Post {
	p := e.post
	p.Title = e.inputs[fieldTitle].Value()
	p.Link = strings.TrimSpace(e.inputs[fieldLink].Value())
	p.Image = strings.TrimSpace(e.inputs[fieldImage].Value())
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

func (m *Model) focusField(f field) tea.Cmd {
	e := m.editor
	for i := range e.inputs {
		e.inputs[i].Blur()
	}
	e.body.Blur()
	e.notes.Blur()
	e.focus = f
	switch f {
	case fieldBody:
		return e.body.Focus()
	case fieldNotes:
		return e.notes.Focus()
	case fieldCategory:
		return nil
	}
	return e.inputs[f].Focus()
}

// layoutEditor sizes the widgets for the window; called on open and resize.
func (m *Model) layoutEditor() {
	e := m.editor
	if e == nil {
		return
	}
	left, _ := m.editorSplit()
	inner := max(left-labelWidth-1, 4)
	for _, f := range []field{fieldTitle, fieldLink, fieldImage, fieldAlt} {
		e.inputs[f].SetWidth(inner)
	}
	bodyH, notesH := m.editorHeights()
	e.body.SetWidth(max(left-2, 4))
	e.body.SetHeight(bodyH)
	e.notes.SetWidth(max(left-2, 4))
	e.notes.SetHeight(notesH)
}

func (m *Model) styleEditor() {
	if m.editor == nil {
		return
	}
	ts := textareaStyles(&m.styles)
	m.editor.body.SetStyles(ts)
	m.editor.notes.SetStyles(ts)
	is := inputStyles(&m.styles)
	for _, f := range []field{fieldTitle, fieldLink, fieldImage, fieldAlt} {
		m.editor.inputs[f].SetStyles(is)
	}
}

// labelWidth is the column of field names on the editor's left.
const labelWidth = 11

// editorSplit divides the width between the form and the preview. Below
// 72 columns the preview gives way to the form; on a wide terminal the
// form stops at a readable measure and the phone stays beside it.
func (m Model) editorSplit() (left, right int) {
	right = min(m.settings.Preview.Width+2, m.width/2)
	if m.width < 72 {
		return m.width, 0
	}
	return min(m.width-right-1, maxFormWidth), right
}

// maxFormWidth is the widest the editor's form grows, in columns.
const maxFormWidth = 100

// editorHeights shares the rows between the body and the notes: the title
// line, five fields and two section rules take eight, the footer one.
func (m Model) editorHeights() (body, notes int) {
	free := max(m.height-1-8, 2)
	notes = max(min(free/3, 8), 1)
	return max(free-notes, 1), notes
}

// updateEditor handles a message on the editor screen, then brings the
// preview and the checks up to date with what is typed.
func (m Model) updateEditor(msg tea.Msg) (tea.Model, tea.Cmd) {
	next, cmd := m.editorMsg(msg)
	m = next.(Model)
	if m.editor == nil || m.screen != screenEditor {
		return m, cmd
	}
	_, right := m.editorSplit()
	return m, tea.Batch(cmd, m.refresh(&m.editor.proof, m.editor.current(), right))
}

func (m Model) editorMsg(msg tea.Msg) (tea.Model, tea.Cmd) {
	e := m.editor
	switch msg := msg.(type) {
	case autosaveMsg:
		if msg.gen != e.gen {
			return m, nil
		}
		k := e.contentKey()
		if k == e.kept {
			return m, m.autosaveTick(e.gen)
		}
		e.kept = k
		if !e.dirty() {
			// Typed, then undone: the kept working copy is stale and must
			// not come back as "unsaved changes".
			return m, tea.Batch(m.discardCmd(e.post.ID, nil), m.autosaveTick(e.gen))
		}
		return m, tea.Batch(m.workingCmd(e.current()), m.autosaveTick(e.gen))
	case workingMsg:
		if msg.err != nil {
			m.fail(m.errorText(msg.err))
		}
		return m, nil
	case externalReadyMsg:
		if msg.err != nil {
			m.fail(fmt.Sprintf(m.t.MsgEditorFailed, firstLine(msg.err.Error())))
			return m, nil
		}
		path := msg.path
		return m, tea.ExecProcess(msg.cmd, func(err error) tea.Msg {
			defer os.Remove(path)
			if err != nil {
				return externalMsg{err: err}
			}
			data, err := os.ReadFile(path)
			return externalMsg{body: string(data), err: err}
		})
	case externalMsg:
		if msg.err != nil {
			m.fail(fmt.Sprintf(m.t.MsgEditorFailed, firstLine(msg.err.Error())))
			return m, nil
		}
		e.body.SetValue(strings.TrimRight(msg.body, "\n"))
		m.say(m.t.MsgEditorReloaded)
		return m, nil
	case notesRender:
		if e.notesView.key == "" || msg.key == m.notesKey() {
			e.notesView = msg
		}
		return m, nil
	case tea.KeyPressMsg:
		return m.editorKey(msg)
	}
	return m.forwardToField(msg)
}

func (m Model) editorKey(k tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	e := m.editor
	keys := m.keys
	switch {
	case key.Matches(k, keys.Save):
		return m, m.saveCmd(m.checked(e.current()), e.post.Rev, stayInEditor)
	case key.Matches(k, keys.EditorPreview):
		return m.showPreview(e.current(), nil)
	case key.Matches(k, keys.EditorPhoneTheme):
		m.togglePhoneTheme()
		return m, nil
	case key.Matches(k, keys.EditorRefreshCard):
		return m, m.fetchCardCmd(e.post, true)
	case key.Matches(k, keys.Close):
		return m.leaveEditor()
	case key.Matches(k, keys.NextField):
		return m, tea.Batch(m.focusField((e.focus+1)%fieldCount), m.renderNotesCmd())
	case key.Matches(k, keys.PrevField):
		return m, tea.Batch(m.focusField((e.focus+fieldCount-1)%fieldCount), m.renderNotesCmd())
	case key.Matches(k, keys.External):
		return m, externalCmd(e.post.ID, e.body.Value())
	case key.Matches(k, keys.EditorHelp):
		m.helpFrom, m.screen = screenEditor, screenHelp
		return m, nil
	case key.Matches(k, keys.EditorHistory):
		if e.post.Rev == 0 {
			m.say(m.t.HistoryEmpty)
			return m, nil
		}
		return m, m.revisionsCmd(e.post.ID)
	}
	if e.focus == fieldCategory {
		switch k.String() {
		case "left", "h":
			e.category = (e.category + len(e.categories) - 1) % len(e.categories)
		case "right", "l", "space":
			e.category = (e.category + 1) % len(e.categories)
		case "enter", "down":
			return m, m.focusField(fieldLink)
		case "up":
			return m, m.focusField(fieldTitle)
		}
		return m, nil
	}
	if e.focus < fieldBody {
		switch k.String() {
		case "enter", "down":
			return m, m.focusField(e.focus + 1)
		case "up":
			if e.focus > fieldTitle {
				return m, m.focusField(e.focus - 1)
			}
			return m, nil
		}
	}
	return m.forwardToField(k)
}

// forwardToField hands a message to the focused widget.
func (m Model) forwardToField(msg tea.Msg) (tea.Model, tea.Cmd) {
	e := m.editor
	var cmd tea.Cmd
	switch e.focus {
	case fieldBody:
		e.body, cmd = e.body.Update(msg)
	case fieldNotes:
		e.notes, cmd = e.notes.Update(msg)
	case fieldCategory:
	default:
		e.inputs[e.focus], cmd = e.inputs[e.focus].Update(msg)
	}
	return m, cmd
}

func (m Model) saved(msg savedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		m.fail(m.errorText(msg.err))
		return m, nil
	}
	if m.editor != nil && m.editor.post.ID == msg.post.ID {
		m.editor.post = msg.post
		m.editor.kept = m.editor.contentKey()
	}
	m.backlog.upsert(msg.post)
	m.backlog.selectID(msg.post.ID)
	m.backlog.clamp(m.listHeight())
	switch {
	case msg.post.Rev == msg.prev:
		m.say(m.t.MsgNothingToSave)
	case msg.post.Status == store.StatusSent && msg.post.Validation == nil:
		// A published post changed: it stays published as it was until
		// the correction is validated and sent as an edit.
		m.say(m.t.WA.SavedSent)
	case (msg.was == store.StatusValidated || msg.was == store.StatusPlanned) && msg.post.Status == store.StatusReady:
		m.fail(fmt.Sprintf(m.t.MsgBackToReady, m.title(msg.post.Title)))
	default:
		m.say(fmt.Sprintf(m.t.MsgSaved, msg.post.Rev))
	}
	switch msg.after {
	case closeEditor:
		m.closeEditor()
	case quitDesk:
		return m, tea.Quit
	}
	return m, nil
}

// leaveEditor closes the editor, asking first when something is unsaved.
func (m Model) leaveEditor() (tea.Model, tea.Cmd) {
	e := m.editor
	if !e.dirty() {
		m.closeEditor()
		return m, m.discardCmd(e.post.ID, nil)
	}
	m.ask(m.t.ConfirmLeave, true,
		func(m *Model) tea.Cmd { return m.saveCmd(m.checked(e.current()), e.post.Rev, closeEditor) },
		func(m *Model) tea.Cmd {
			m.closeEditor()
			return m.discardCmd(e.post.ID, nil)
		})
	return m, nil
}

func (m *Model) closeEditor() {
	m.editor = nil
	m.screen = screenBacklog
	m.backlog.clamp(m.listHeight())
}

// externalReadyMsg carries the command that opens the body in the
// person's own editor, once the body is written to a temporary file.
type externalReadyMsg struct {
	cmd  *exec.Cmd
	path string
	err  error
}

func externalCmd(id, body string) tea.Cmd {
	return func() tea.Msg {
		f, err := os.CreateTemp("", "crieur-"+id+"-*.txt")
		if err != nil {
			return externalReadyMsg{err: err}
		}
		_, werr := f.WriteString(body)
		cerr := f.Close()
		if werr != nil || cerr != nil {
			os.Remove(f.Name())
			return externalReadyMsg{err: fmt.Errorf("write %s: %v %v", f.Name(), werr, cerr)}
		}
		cmd, err := editorCommand(f.Name())
		if err != nil {
			os.Remove(f.Name())
		}
		return externalReadyMsg{cmd: cmd, path: f.Name(), err: err}
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

func (m Model) viewEditor(w, h int) string {
	e := m.editor
	st := &m.styles
	left, right := m.editorSplit()

	status := st.StatusStyle(e.post.Status).Render(m.t.Status(string(e.post.Status)))
	state := st.OK.Render(m.t.Saved)
	switch {
	case e.dirty():
		state = st.Warning.Render(m.t.Unsaved)
	case e.post.Rev == 0:
		state = st.Muted.Render(m.t.NotYetSaved)
	}
	rev := ""
	if e.post.Rev > 0 {
		rev = st.Muted.Render(fmt.Sprintf(" · %s %d", m.t.Rev, e.post.Rev))
	}
	lines := []string{m.titleBar(w, status+rev+st.Faint.Render(" · ")+state)}

	label := func(f field, name string) string {
		ls := st.Label
		if e.focus == f {
			ls = st.LabelFocused
		}
		return ls.Render(padRight(name, labelWidth))
	}
	single := func(f field, name string) string {
		in := &e.inputs[f]
		if e.focus == f {
			return label(f, name) + in.View()
		}
		v := in.Value()
		if v == "" {
			return label(f, name) + st.Faint.Render(ansi.Truncate(in.Placeholder, left-labelWidth, "…"))
		}
		return label(f, name) + ansi.Truncate(visible(v), left-labelWidth, "…")
	}
	cat := m.t.Category(visible(e.categories[e.category]))
	if cat == "" {
		cat = "—"
	}
	catLine := label(fieldCategory, m.t.FieldCategory) + "‹ " + st.Bold.Render(cat) + " ›"
	if e.focus == fieldCategory {
		catLine += "  " + st.Hint.Render(m.t.CategoryHint)
	}
	form := []string{
		single(fieldTitle, m.t.FieldTitle),
		catLine,
		single(fieldLink, m.t.FieldLink),
		single(fieldImage, m.t.FieldImage),
		single(fieldAlt, m.t.FieldAlt),
		m.sectionRule(fieldBody, m.t.FieldBody, left),
	}
	form = append(form, indent(e.body.View(), 1))
	form = append(form, m.sectionRule(fieldNotes, m.t.FieldNotes, left))
	_, notesH := m.editorHeights()
	if e.focus == fieldNotes {
		form = append(form, indent(e.notes.View(), 1))
	} else {
		form = append(form, m.notesPreview(left, notesH))
	}
	formText := fit(strings.Join(form, "\n"), left, h-1)
	if right == 0 {
		return strings.Join(lines, "\n") + "\n" + formText
	}
	pane := m.previewPane(right, h-1)
	return strings.Join(lines, "\n") + "\n" + joinColumns(formText, pane, left, 1)
}

func (m Model) sectionRule(f field, name string, w int) string {
	st := &m.styles
	ls := st.Label
	if m.editor.focus == f {
		ls = st.LabelFocused
	}
	head := ls.Render(name) + " "
	return head + st.Rule.Render(strings.Repeat("─", max(w-ansi.StringWidth(head), 0)))
}

func (m Model) notesPreview(w, h int) string {
	e := m.editor
	if strings.TrimSpace(e.notes.Value()) == "" {
		return " " + m.styles.Faint.Render(m.t.NotesEmpty)
	}
	if e.notesView.key != m.notesKey() || e.notesView.text == "" {
		return indent(plainLines(e.notes.Value(), w-2, h), 1)
	}
	return e.notesView.text
}

func padRight(s string, w int) string {
	return s + strings.Repeat(" ", max(w-cells(s), 0))
}

func indent(s string, n int) string {
	pad := strings.Repeat(" ", n)
	return pad + strings.ReplaceAll(s, "\n", "\n"+pad)
}

// joinColumns puts two blocks side by side, the left one padded to lw.
func joinColumns(left, right string, lw, gap int) string {
	l, r := splitLines(left), splitLines(right)
	n := max(len(l), len(r))
	out := make([]string, n)
	for i := range n {
		var a, b string
		if i < len(l) {
			a = l[i]
		}
		if i < len(r) {
			b = r[i]
		}
		out[i] = padRight(ansi.Truncate(a, lw, ""), lw) + strings.Repeat(" ", gap) + b
	}
	return strings.Join(out, "\n")
}

// plainLines cuts text to h lines of at most w cells, control characters
// made visible.
func plainLines(text string, w, h int) string {
	lines := splitLines(visibleKeepNewlines(text))
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, max(w, 1), "…")
	}
	return strings.Join(lines, "\n")
}

// checked is p with the count of errors its checks find, which the backlog
// marks without running the checks itself.
func (m Model) checked(p store.Post) store.Post {
	p.Problems = message.Errors(m.checks(p))
	return p
}
