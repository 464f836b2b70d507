package ui

import (
	"fmt"
	"strings"

	"crieur/ui/i18n"
)

// KeysMarkdown is the key table of every screen as Markdown, drawn from
// the same key maps as the footer and the help screen; the README embeds
// it and a test keeps the two the same.
func KeysMarkdown(lang string) string {
	t := i18n.For(lang)
	k := newKeys(t)
	maps := []keyMap{k.backlog, k.filter, k.editor, k.preview, k.week, k.picker, k.pending, k.meeting, k.attendees, k.choice, k.minutes, k.whatsapp, k.history, k.setup}
	var b strings.Builder
	for i, km := range maps {
		for _, sec := range km.sections() {
			if i > 0 && sec.title == t.HelpGlobal {
				continue // listed once, with the backlog
			}
			fmt.Fprintf(&b, "\n**%s**\n\n| Key | Action |\n|---|---|\n", sec.title)
			for _, kb := range sec.bindings {
				keys := make([]string, len(kb.Keys()))
				for i, key := range kb.Keys() {
					keys[i] = "`" + key + "`"
				}
				fmt.Fprintf(&b, "| %s | %s |\n", strings.Join(keys, " "), kb.Help().Desc)
			}
		}
	}
	return b.String()
}
