package ui

import (
	"fmt"
	"strings"

	"crieur/ui/i18n"
)

// KeysMarkdown is the key table of every screen as Markdown, drawn from
// the same KeyMap as the help screen; the README embeds it and a test
// keeps the two the same.
func KeysMarkdown(lang string) string {
	t := i18n.For(lang)
	k := NewKeyMap(t)
	var b strings.Builder
	for _, s := range []screen{screenBacklog, screenEditor, screenPreview, screenWeek, screenWhatsApp, screenHistory} {
		for _, sec := range k.Sections(t, s) {
			if s != screenBacklog && sec.Title == t.HelpGlobal {
				continue // listed once, with the backlog
			}
			fmt.Fprintf(&b, "\n**%s**\n\n| Key | Action |\n|---|---|\n", sec.Title)
			for _, kb := range sec.Bindings {
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
