package ui

import (
	"charm.land/bubbles/v2/key"

	"crieur/ui/i18n"
)

// KeyMap holds every binding of the desk. Keys are data: the help screen,
// the footer and the README's key table are all drawn from here.
type KeyMap struct {
	// Everywhere.
	Help, Quit key.Binding

	// Lists (backlog, history).
	Up, Down, PgUp, PgDown, Top, Bottom key.Binding

	// Backlog.
	Open, New, Archive, Filter, ClearFilter key.Binding
	NextTab, PrevTab, Forward, Back         key.Binding
	History, DeleteSamples, Preview         key.Binding
	Validate, Revoke                        key.Binding

	// Editor.
	Save, Close, NextField, PrevField, External, EditorHistory, EditorHelp key.Binding

	// History.
	Restore key.Binding

	// Week.
	Week, NextWeek, PrevWeek, Assign, Unassign, Swap, SendNow, MarkSent, MarkNotSent key.Binding
	Urgent                                                                           key.Binding

	// Preview, and its keys in the editor.
	ReadMore, PhoneTheme, EditorPreview, EditorPhoneTheme key.Binding
	RefreshCard, EditorRefreshCard                        key.Binding

	// WhatsApp: the linked device and its channel, stats and corrections.
	WhatsApp, WALinkQR, WALinkPhone, WAChannels, WAInvite, WAChoose, WAUnlink key.Binding
	RefreshStats, Correct, Withdraw                                           key.Binding
}

// NewKeyMap builds the bindings with their help in the catalogue's language.
func NewKeyMap(t *i18n.Text) KeyMap {
	b := func(keys []string, shown, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(shown, desc))
	}
	return KeyMap{
		Help: b([]string{"?"}, "?", t.KeyHelp),
		Quit: b([]string{"q", "ctrl+c"}, "q", t.KeyQuit),

		Up:     b([]string{"up", "k"}, "↑/k", t.KeyUp),
		Down:   b([]string{"down", "j"}, "↓/j", t.KeyDown),
		PgUp:   b([]string{"pgup", "ctrl+u"}, "pgup", t.KeyPgUp),
		PgDown: b([]string{"pgdown", "ctrl+d", "space"}, "pgdn", t.KeyPgDown),
		Top:    b([]string{"g", "home"}, "g", t.KeyTop),
		Bottom: b([]string{"G", "end"}, "G", t.KeyBottom),

		Open:          b([]string{"enter"}, "enter", t.KeyOpen),
		New:           b([]string{"n"}, "n", t.KeyNew),
		Archive:       b([]string{"a"}, "a", t.KeyArchive),
		Filter:        b([]string{"/"}, "/", t.KeyFilter),
		ClearFilter:   b([]string{"esc"}, "esc", t.KeyClearFilter),
		NextTab:       b([]string{"tab", "right", "l"}, "tab/→", t.KeyNextTab),
		PrevTab:       b([]string{"shift+tab", "left", "h"}, "⇧tab/←", t.KeyPrevTab),
		Forward:       b([]string{">"}, ">", t.KeyForward),
		Back:          b([]string{"<"}, "<", t.KeyBack),
		History:       b([]string{"r"}, "r", t.KeyHistory),
		DeleteSamples: b([]string{"X"}, "X", t.KeyDeleteSamples),

		Save:          b([]string{"ctrl+s"}, "ctrl+s", t.KeySave),
		Close:         b([]string{"esc"}, "esc", t.KeyClose),
		NextField:     b([]string{"tab"}, "tab", t.KeyNextField),
		PrevField:     b([]string{"shift+tab"}, "⇧tab", t.KeyPrevField),
		External:      b([]string{"ctrl+e"}, "ctrl+e", t.KeyExternal),
		EditorHistory: b([]string{"ctrl+r"}, "ctrl+r", t.KeyHistory),
		EditorHelp:    b([]string{"f1"}, "f1", t.KeyHelp),

		Restore: b([]string{"r", "enter"}, "r/enter", t.KeyRestore),

		Preview:           b([]string{"p"}, "p", t.KeyPreview),
		Week:              b([]string{"w"}, "w", t.KeyWeek),
		Urgent:            b([]string{"U"}, "U", t.KeyUrgent),
		NextWeek:          b([]string{"]", "right", "l"}, "]/→", t.KeyNextWeek),
		PrevWeek:          b([]string{"[", "left", "h"}, "[/←", t.KeyPrevWeek),
		Assign:            b([]string{"enter", "a"}, "enter", t.KeyAssign),
		Unassign:          b([]string{"u"}, "u", t.KeyUnassign),
		Swap:              b([]string{"x"}, "x", t.KeySwap),
		SendNow:           b([]string{"S"}, "S", t.KeySendNow),
		MarkSent:          b([]string{"m"}, "m", t.KeyMarkSent),
		MarkNotSent:       b([]string{"f"}, "f", t.KeyMarkNotSent),
		Validate:          b([]string{"v"}, "v", t.KeyValidate),
		Revoke:            b([]string{"V"}, "V", t.KeyRevoke),
		ReadMore:          b([]string{"m", "enter"}, "m", t.KeyReadMore),
		PhoneTheme:        b([]string{"t"}, "t", t.KeyPhoneTheme),
		EditorPreview:     b([]string{"ctrl+p"}, "ctrl+p", t.KeyPreview),
		EditorPhoneTheme:  b([]string{"ctrl+t"}, "ctrl+t", t.KeyPhoneTheme),
		RefreshCard:       b([]string{"f"}, "f", t.KeyRefreshCard),
		EditorRefreshCard: b([]string{"ctrl+l"}, "ctrl+l", t.KeyRefreshCard),

		WhatsApp:     b([]string{"W"}, "W", t.WA.KeyWhatsApp),
		WALinkQR:     b([]string{"l"}, "l", t.WA.KeyLinkQR),
		WALinkPhone:  b([]string{"p"}, "p", t.WA.KeyLinkPhone),
		WAChannels:   b([]string{"c"}, "c", t.WA.KeyChannels),
		WAInvite:     b([]string{"i"}, "i", t.WA.KeyInvite),
		WAChoose:     b([]string{"enter"}, "enter", t.WA.KeyChoose),
		WAUnlink:     b([]string{"U"}, "U", t.WA.KeyUnlink),
		RefreshStats: b([]string{"R"}, "R", t.WA.KeyRefreshStats),
		Correct:      b([]string{"E"}, "E", t.WA.KeyCorrect),
		Withdraw:     b([]string{"D"}, "D", t.WA.KeyWithdraw),
	}
}

// Section is one titled group of bindings on the help screen.
type Section struct {
	Title    string
	Bindings []key.Binding
}

// Sections lists the bindings of a screen as the help screen and the
// README show them. Disabled bindings are left out, so help never lies.
func (k KeyMap) Sections(t *i18n.Text, s screen) []Section {
	var out []Section
	switch s {
	case screenBacklog:
		out = append(out, Section{t.HelpBacklog, []key.Binding{
			k.Up, k.Down, k.PgUp, k.PgDown, k.Top, k.Bottom, k.NextTab, k.PrevTab,
			k.Open, k.New, k.Preview, k.Validate, k.Revoke, k.Week, k.Urgent, k.Filter, k.ClearFilter, k.Forward, k.Back, k.Archive, k.History, k.DeleteSamples,
			k.WhatsApp, k.RefreshStats, k.Correct, k.Withdraw,
		}})
	case screenEditor:
		out = append(out, Section{t.HelpEditor, []key.Binding{
			k.Save, k.NextField, k.PrevField, k.EditorPreview, k.EditorPhoneTheme, k.EditorRefreshCard, k.External, k.EditorHistory, k.Close, k.EditorHelp,
			withHelp(k.Quit, "ctrl+c", k.Quit.Help().Desc),
		}})
	case screenHistory:
		out = append(out, Section{t.HelpHistory, []key.Binding{k.Up, k.Down, k.Restore, k.Close}})
	case screenWeek:
		out = append(out, Section{t.HelpWeek, []key.Binding{
			k.Up, k.Down, k.PrevWeek, k.NextWeek, k.Assign, k.Unassign, k.Swap, k.SendNow, k.MarkSent, k.MarkNotSent, k.RefreshStats, k.WhatsApp, k.Close,
		}})
	case screenWhatsApp:
		out = append(out, Section{t.WA.Title, []key.Binding{
			k.WALinkQR, k.WALinkPhone, k.WAChannels, k.WAInvite, k.Up, k.Down, k.WAChoose, k.WAUnlink, k.Close,
		}})
	case screenPreview:
		out = append(out, Section{t.PreviewTitle, []key.Binding{k.Up, k.Down, k.PgUp, k.PgDown, k.ReadMore, k.PhoneTheme, k.RefreshCard, k.Validate, k.Revoke, k.RefreshStats, k.Correct, k.Withdraw, k.Close}})
	}
	if s != screenEditor { // in the editor, ? and q are letters to type
		out = append(out, Section{t.HelpGlobal, []key.Binding{k.Help, k.Quit}})
	}
	for i := range out {
		enabled := out[i].Bindings[:0:0]
		for _, b := range out[i].Bindings {
			if b.Enabled() {
				enabled = append(enabled, b)
			}
		}
		out[i].Bindings = enabled
	}
	return out
}

// short is the footer of a screen: the few keys a person needs most.
func (k KeyMap) short(s screen) []key.Binding {
	switch s {
	case screenEditor:
		return []key.Binding{k.Save, k.NextField, k.Close, k.EditorHelp, k.EditorPreview, k.EditorPhoneTheme, k.External, k.EditorHistory}
	case screenHistory:
		return []key.Binding{k.Up, k.Down, k.Restore, k.Close, k.Help}
	case screenHelp:
		return []key.Binding{k.Close}
	case screenWeek:
		return []key.Binding{k.Assign, k.SendNow, k.NextWeek, k.PrevWeek, k.Swap, k.Unassign, k.MarkSent, k.Close, k.Help}
	case screenPreview:
		return []key.Binding{k.Validate, k.ReadMore, k.PhoneTheme, k.Close, k.Help, k.Down, k.Up}
	case screenWhatsApp:
		return []key.Binding{k.WALinkQR, k.WALinkPhone, k.WAChannels, k.WAChoose, k.WAInvite, k.WAUnlink, k.Close, k.Help}
	}
	return []key.Binding{k.Open, k.New, k.Preview, k.Validate, k.Week, k.Filter, k.Help, k.Quit, k.NextTab, k.Forward, k.Archive}
}

// withHelp is b shown under other keys, for a screen where only some of
// its keys apply.
func withHelp(b key.Binding, keys, desc string) key.Binding {
	b.SetHelp(keys, desc)
	return b
}
