package ui

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// heading is the right of the title line: the post's status, revision and
// whether what is typed is saved.
func (e *editor) heading(d *desk) string {
	st := d.styles
	state, style := d.t.Saved, st.OK
	switch {
	case e.dirty():
		state, style = d.t.Unsaved, st.Warning
	case e.post.Rev == 0:
		state, style = d.t.NotYetSaved, st.Muted
	}
	key := string(e.post.Status) + "\x00" + strconv.FormatUint(e.post.Rev, 10) + "\x00" + state
	return e.memos.heading.get(st, key, func() string {
		status := st.StatusStyle(e.post.Status).Render(d.t.Status(string(e.post.Status)))
		rev := ""
		if e.post.Rev > 0 {
			rev = st.Muted.Render(fmt.Sprintf(" · %s %d", d.t.Rev, e.post.Rev))
		}
		return status + rev + st.Faint.Render(" · ") + style.Render(state)
	})
}

// View draws the form and, beside it when there is room, the checks and
// the phone, h lines under the title.
func (e *editor) View(d *desk, w, h int) string {
	st := d.styles
	left, right := e.split(d)

	label := func(f field, name string) string {
		key := name
		if e.focus == f {
			key = "\x01" + name
		}
		return e.memos.labels[f].get(st, key, func() string {
			ls := st.Label
			if e.focus == f {
				ls = st.LabelFocused
			}
			return ls.Render(padRight(name, labelWidth))
		})
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
	cat := d.t.Category(visible(e.categories[e.category]))
	if cat == "" {
		cat = "—"
	}
	catLine := label(fieldCategory, d.t.FieldCategory) + "‹ " + st.Bold.Render(cat) + " ›"
	if e.focus == fieldCategory {
		catLine += "  " + st.Hint.Render(d.t.CategoryHint)
	}
	form := []string{
		single(fieldTitle, d.t.FieldTitle),
		catLine,
		single(fieldLink, d.t.FieldLink),
		single(fieldImage, d.t.FieldImage),
		single(fieldAlt, d.t.FieldAlt),
		e.sectionRule(d, fieldBody, d.t.FieldBody, left),
	}
	form = append(form, indent(e.body.View(), 1))
	form = append(form, e.sectionRule(d, fieldNotes, d.t.FieldNotes, left))
	_, notesH := e.heights(d)
	if e.focus == fieldNotes {
		form = append(form, indent(e.notes.View(), 1))
	} else {
		form = append(form, e.notesPreview(d, left, notesH))
	}
	formText := fit(strings.Join(form, "\n"), left, h)
	if right == 0 {
		return formText
	}
	return joinColumns(formText, e.previewPane(d, right, h), left, 1)
}

func (e *editor) sectionRule(d *desk, f field, name string, w int) string {
	key := strconv.Itoa(w) + "\x00" + name
	if e.focus == f {
		key = "\x01" + key
	}
	return e.memos.labels[f].get(d.styles, key, func() string { return e.drawSectionRule(d, f, name, w) })
}

func (e *editor) drawSectionRule(d *desk, f field, name string, w int) string {
	st := d.styles
	ls := st.Label
	if e.focus == f {
		ls = st.LabelFocused
	}
	head := ls.Render(name) + " "
	return head + st.Rule.Render(strings.Repeat("─", max(w-ansi.StringWidth(head), 0)))
}

func (e *editor) notesPreview(d *desk, w, h int) string {
	if strings.TrimSpace(e.notes.Value()) == "" {
		return " " + d.styles.Faint.Render(d.t.NotesEmpty)
	}
	if e.notesView.key != e.notesKey(d) || e.notesView.text == "" {
		return indent(plainLines(e.notes.Value(), w-2, h), 1)
	}
	return e.notesView.text
}

// previewPane is the editor's right half: the checks, then the phone.
func (e *editor) previewPane(d *desk, w, h int) string {
	// Four lines of checks at most beside the text; the full-screen
	// preview lists them all.
	blocks := d.problemBlocks(e.proof.problems, w)
	var lines []string
	for i, b := range blocks {
		if len(lines)+len(b) > 4 || (len(lines)+len(b) == 4 && i < len(blocks)-1) {
			lines = append(lines, d.styles.Muted.Render(d.t.N(d.t.MoreChecks, len(blocks)-i)))
			break
		}
		lines = append(lines, b...)
	}
	lines = append(lines, "")
	lines = append(lines, splitLines(e.proof.phone)...)
	return fit(strings.Join(lines, "\n"), w, h)
}
