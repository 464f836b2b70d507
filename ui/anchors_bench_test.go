package ui

import (
	"fmt"
	"testing"

	"charm.land/bubbles/v2/list"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"
)

// The anchors the budgets are set against, measured in the same run as
// the desk: bubbles' own list and text area doing the same work.

// listPost is a backlog row as bubbles' list shows it.
type listPost struct{ title, category string }

func (p listPost) Title() string       { return p.title }
func (p listPost) Description() string { return p.category }
func (p listPost) FilterValue() string { return p.title }

// BenchmarkAnchorListKey: a key press (Update and View) on bubbles' list
// with its default delegate and paginator, holding the backlog's posts,
// as BacklogKey measures the desk's backlog.
func BenchmarkAnchorListKey(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("posts=%d", n), func(b *testing.B) {
			m, st := openDesk(b, benchFile(b, n))
			items := make([]list.Item, len(m.backlog.posts))
			for i, s := range m.backlog.posts {
				items[i] = listPost{title: s.Title(), category: s.Category()}
			}
			st.Close()
			l := list.New(items, list.NewDefaultDelegate(), 120, 40)
			l.Select(n / 2)
			inTurn(b, []tea.KeyPressMsg{{Code: tea.KeyDown}, {Code: tea.KeyUp}}, func(k tea.KeyPressMsg) {
				l, _ = l.Update(k)
				_ = l.View()
			})
		})
	}
}

// BenchmarkAnchorTextareaKey: a key typed (Update and View) in bubbles'
// text area alone, holding the same post of about 1,500 characters at
// the width and height of the editor's text, as EditorKey measures the
// desk's editor with its checks and preview.
func BenchmarkAnchorTextareaKey(b *testing.B) {
	for _, n := range benchSizes {
		b.Run(fmt.Sprintf("posts=%d", n), func(b *testing.B) {
			m, st := openDesk(b, benchFile(b, n))
			defer st.Close()
			m.openEditor(openedMsg{post: longestPost(b, m, st)})
			ta := textarea.New()
			ta.Prompt, ta.ShowLineNumbers, ta.CharLimit, ta.MaxHeight, ta.MaxWidth = "", false, 0, 0, 0
			ta.SetWidth(m.editor.body.Width())
			ta.SetHeight(m.editor.body.Height())
			ta.SetValue(m.editor.body.Value())
			ta.Focus()
			inTurn(b, []tea.KeyPressMsg{{Code: 'a', Text: "a"}, {Code: tea.KeyBackspace}}, func(k tea.KeyPressMsg) {
				ta, _ = ta.Update(k)
				_ = ta.View()
			})
		})
	}
}
