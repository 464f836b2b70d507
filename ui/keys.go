package ui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/huh/v2"

	"crieur/ui/i18n"
)

// Keys are data: each screen has its key map, which bubbles' help draws on
// the footer and on the help screen, and from which the README's key
// table is made (keysdoc.go). No key is written anywhere else.
//
// A screen turns off (SetEnabled) the bindings that cannot apply in its
// state: nothing selected, nothing to clear, a desk that does not send or
// has no WhatsApp. A key that applies but refuses (a post in the wrong
// status) stays on and says why.

// section is one titled group of bindings on the help screen and in the
// README.
type section struct {
	title    string
	bindings []key.Binding
}

// keyMap is a screen's key map: what bubbles' help draws, and the titled
// groups of the help screen. The footer keeps the always bindings (help,
// quit) whatever the width, and shows as many of the main ones as fit.
type keyMap interface {
	help.KeyMap
	sections() []section
	footer() (main, always []key.Binding)
}

// keys is every key map of the desk, built once from the catalogue.
type keys struct {
	interrupt key.Binding // ctrl+c, on every screen
	confirm   confirmKeys
	input     inputKeys
	backlog   backlogKeys
	filter    filterKeys
	editor    editorKeys
	preview   previewKeys
	week      weekKeys
	picker    pickerKeys
	history   historyKeys
	whatsapp  whatsAppKeys
	setup     setupKeys
	pending   pendingKeys
	help      helpKeys
	meeting   meetingKeys
	attendees attendeesKeys
	choice    choiceKeys
	minutes   minutesKeys
}

// bind makes a binding whose key is shown with the language's names of
// keys ("entrée", "échap").
func bind(t *i18n.Text, keys []string, shown, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(keys...), key.WithHelp(t.KeyLabel(shown), desc))
}

// listKeys move along a list, or scroll text.
type listKeys struct {
	Up, Down, PgUp, PgDown, Top, Bottom key.Binding
}

func newListKeys(t *i18n.Text) listKeys {
	return listKeys{
		Up:     bind(t, []string{"up", "k"}, "↑/k", t.KeyUp),
		Down:   bind(t, []string{"down", "j"}, "↓/j", t.KeyDown),
		PgUp:   bind(t, []string{"pgup", "ctrl+u"}, "pgup", t.KeyPgUp),
		PgDown: bind(t, []string{"pgdown", "ctrl+d", "space"}, "pgdn", t.KeyPgDown),
		Top:    bind(t, []string{"g", "home"}, "g", t.KeyTop),
		Bottom: bind(t, []string{"G", "end"}, "G", t.KeyBottom),
	}
}

func (k listKeys) all() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.PgUp, k.PgDown, k.Top, k.Bottom}
}

// globalKeys open the help, list the sends to settle (the key the title
// line names while some wait) and quit, on the screens where letters are
// not typed.
type globalKeys struct {
	title               string
	Help, Pending, Quit key.Binding
}

func newGlobalKeys(t *i18n.Text) globalKeys {
	return globalKeys{
		title:   t.HelpGlobal,
		Help:    bind(t, []string{"?", "f1"}, "?", t.KeyHelp),
		Pending: bind(t, []string{"!"}, "!", t.Settle.KeySettle),
		Quit:    bind(t, []string{"q", "ctrl+c"}, "q", t.KeyQuit),
	}
}

func (k globalKeys) section() section {
	return section{k.title, []key.Binding{k.Help, k.Pending, k.Quit}}
}

// newKeys builds every key map with its help in the catalogue's language,
// every binding on.
func newKeys(t *i18n.Text) *keys {
	list, global := newListKeys(t), newGlobalKeys(t)
	// The picker and the WhatsApp screen, where lines are typed, do not
	// open the sends to settle.
	local := global
	local.Pending.SetEnabled(false)
	interrupt := bind(t, []string{"ctrl+c"}, "ctrl+c", t.KeyQuit)
	esc := func(desc string) key.Binding { return bind(t, []string{"esc"}, "esc", desc) }
	mt := &t.Meet.Screen
	feeds := bind(t, []string{"F"}, "F", mt.KeyFeeds)
	return &keys{
		interrupt: interrupt,
		confirm: confirmKeys{
			Yes:     bind(t, letters(t.YesKeys), t.YesKeys[:1], t.Yes),
			No:      bind(t, letters(t.NoKeys), t.NoKeys[:1], t.No),
			Cancel:  bind(t, []string{"esc", "ctrl+c"}, "esc", t.Cancel),
			Default: bind(t, []string{"enter"}, "enter", t.No),
		},
		input: inputKeys{
			Submit: bind(t, []string{"enter"}, "enter", t.KeySubmit),
			Cancel: bind(t, []string{"esc", "ctrl+c"}, "esc", t.Cancel),
		},
		backlog: backlogKeys{
			title: t.HelpBacklog, listKeys: list, globalKeys: global,
			NextTab:       bind(t, []string{"tab", "right", "l"}, "tab/→", t.KeyNextTab),
			PrevTab:       bind(t, []string{"shift+tab", "left", "h"}, "⇧tab/←", t.KeyPrevTab),
			GoToTab:       bind(t, []string{"1", "2", "3", "4", "5", "6", "7", "8"}, "1…8", t.KeyGoToTab),
			Open:          bind(t, []string{"enter"}, "enter", t.KeyOpen),
			New:           bind(t, []string{"n"}, "n", t.KeyNew),
			Preview:       bind(t, []string{"p"}, "p", t.KeyPreview),
			Validate:      bind(t, []string{"v"}, "v", t.KeyValidate),
			Revoke:        bind(t, []string{"V"}, "V", t.KeyRevoke),
			Week:          bind(t, []string{"w"}, "w", t.KeyWeek),
			Urgent:        bind(t, []string{"U"}, "U", t.KeyUrgent),
			Filter:        bind(t, []string{"/"}, "/", t.KeyFilter),
			ClearFilter:   esc(t.KeyClearFilter),
			Forward:       bind(t, []string{">"}, ">", t.KeyForward),
			Back:          bind(t, []string{"<"}, "<", t.KeyBack),
			Archive:       bind(t, []string{"a"}, "a", t.KeyArchive),
			History:       bind(t, []string{"r"}, "r", t.KeyHistory),
			DeleteSamples: bind(t, []string{"X"}, "X", t.KeyDeleteSamples),
			WhatsApp:      bind(t, []string{"W"}, "W", t.WA.KeyWhatsApp),
			RefreshStats:  bind(t, []string{"R"}, "R", t.WA.KeyRefreshStats),
			Correct:       bind(t, []string{"E"}, "E", t.WA.KeyCorrect),
			Withdraw:      bind(t, []string{"D"}, "D", t.WA.KeyWithdraw),
			Setup:         bind(t, []string{"s"}, "s", t.Setup.KeySetup),
			Meeting:       bind(t, []string{"M"}, "M", mt.KeyMeeting),
			Feeds:         feeds,
			Went:          bind(t, []string{"m"}, "m", t.Settle.KeyWentHere),
			NotWent:       bind(t, []string{"f"}, "f", t.Settle.KeyNotWentHere),
			Duplicate:     bind(t, []string{"c"}, "c", t.Plan.KeyDuplicate),
		},
		filter: filterKeys{
			title: t.HelpFilter,
			Done:  bind(t, []string{"enter", "tab", "shift+tab"}, "enter", t.KeyFilterDone),
			Clear: esc(t.KeyClearFilter),
			Up:    bind(t, []string{"up"}, "↑", t.KeyUp),
			Down:  bind(t, []string{"down"}, "↓", t.KeyDown),
			PgUp:  bind(t, []string{"pgup"}, "pgup", t.KeyPgUp),
			PgDn:  bind(t, []string{"pgdown"}, "pgdn", t.KeyPgDown),
			Quit:  interrupt,
		},
		editor: editorKeys{
			title:        t.HelpEditor,
			Save:         bind(t, []string{"ctrl+s"}, "ctrl+s", t.KeySave),
			NextField:    bind(t, []string{"tab"}, "tab", t.KeyNextField),
			PrevField:    bind(t, []string{"shift+tab"}, "⇧tab", t.KeyPrevField),
			FieldDown:    bind(t, []string{"enter", "down"}, "↓/enter", t.KeyNextField),
			FieldUp:      bind(t, []string{"up"}, "↑", t.KeyPrevField),
			CategoryPrev: bind(t, []string{"left", "h"}, "←/h", t.KeyCategoryPrev),
			CategoryNext: bind(t, []string{"right", "l", "space"}, "→/l", t.KeyCategoryNext),
			ImageNext:    bind(t, []string{"right", "space"}, "→", t.Team.KeyImageNext),
			ImagePrev:    bind(t, []string{"left"}, "←", t.Team.KeyImagePrev),
			ImageClear:   bind(t, []string{"backspace", "delete"}, "⌫", t.Team.KeyImageClear),
			Preview:      bind(t, []string{"ctrl+p"}, "ctrl+p", t.KeyPreview),
			PhoneTheme:   bind(t, []string{"ctrl+t"}, "ctrl+t", t.KeyPhoneTheme),
			RefreshCard:  bind(t, []string{"ctrl+l"}, "ctrl+l", t.KeyRefreshCard),
			External:     bind(t, []string{"ctrl+e"}, "ctrl+e", t.KeyExternal),
			History:      bind(t, []string{"ctrl+r"}, "ctrl+r", t.KeyHistory),
			Close:        esc(t.KeyClose),
			Help:         bind(t, []string{"f1"}, "f1", t.KeyHelp),
			Quit:         interrupt,
		},
		preview: previewKeys{
			title: t.PreviewTitle, globalKeys: global,
			// The phone scrolls by lines and pages.
			listKeys:     listKeys{Up: list.Up, Down: list.Down, PgUp: list.PgUp, PgDown: list.PgDown},
			ReadMore:     bind(t, []string{"m", "enter"}, "m", t.KeyReadMore),
			PhoneTheme:   bind(t, []string{"t"}, "t", t.KeyPhoneTheme),
			RefreshCard:  bind(t, []string{"f"}, "f", t.KeyRefreshCard),
			Validate:     bind(t, []string{"v"}, "v", t.KeyValidate),
			Revoke:       bind(t, []string{"V"}, "V", t.KeyRevoke),
			RefreshStats: bind(t, []string{"R"}, "R", t.WA.KeyRefreshStats),
			Correct:      bind(t, []string{"E"}, "E", t.WA.KeyCorrect),
			Withdraw:     bind(t, []string{"D"}, "D", t.WA.KeyWithdraw),
			Went:         bind(t, []string{"M"}, "M", t.Settle.KeyWentHere),
			NotWent:      bind(t, []string{"F"}, "F", t.Settle.KeyNotWentHere),
			Close:        bind(t, []string{"esc", "p"}, "esc", t.KeyClose),
		},
		week: weekKeys{
			title: t.HelpWeek, globalKeys: global,
			Up:           list.Up,
			Down:         list.Down,
			PrevWeek:     bind(t, []string{"[", "left", "h"}, "[/←", t.KeyPrevWeek),
			NextWeek:     bind(t, []string{"]", "right", "l"}, "]/→", t.KeyNextWeek),
			Assign:       bind(t, []string{"enter", "a"}, "enter", t.KeyAssign),
			Unassign:     bind(t, []string{"u"}, "u", t.KeyUnassign),
			Swap:         bind(t, []string{"x"}, "x", t.Plan.KeyMove),
			SendNow:      bind(t, []string{"S"}, "S", t.KeySendNow),
			MarkSent:     bind(t, []string{"m"}, "m", t.Settle.KeyWentHere),
			MarkNotSent:  bind(t, []string{"f"}, "f", t.Settle.KeyNotWentHere),
			RefreshStats: bind(t, []string{"R"}, "R", t.WA.KeyRefreshStats),
			WhatsApp:     bind(t, []string{"W"}, "W", t.WA.KeyWhatsApp),
			Close:        esc(t.KeyClose),
		},
		picker: pickerKeys{
			title: t.HelpPicker, globalKeys: local,
			Up:    list.Up,
			Down:  list.Down,
			Pick:  bind(t, []string{"enter"}, "enter", t.KeyPick),
			Close: esc(t.Cancel),
		},
		history: historyKeys{
			title: t.HelpHistory, listKeys: list, globalKeys: global,
			Restore: bind(t, []string{"r", "enter"}, "r/enter", t.KeyRestore),
			Close:   esc(t.KeyClose),
		},
		whatsapp: whatsAppKeys{
			title: t.WA.Title, globalKeys: local,
			LinkQR:    bind(t, []string{"l"}, "l", t.WA.KeyLinkQR),
			LinkPhone: bind(t, []string{"p"}, "p", t.WA.KeyLinkPhone),
			Channels:  bind(t, []string{"c"}, "c", t.WA.KeyChannels),
			Invite:    bind(t, []string{"i"}, "i", t.WA.KeyInvite),
			Up:        list.Up,
			Down:      list.Down,
			Choose:    bind(t, []string{"enter"}, "enter", t.WA.KeyChoose),
			Unlink:    bind(t, []string{"U"}, "U", t.WA.KeyUnlink),
			Close:     esc(t.KeyClose),
		},
		setup: setupKeys{
			title: t.Setup.HelpSetup,
			Next:  bind(t, []string{"enter", "tab"}, "enter", t.Setup.KeyNext),
			Prev:  bind(t, []string{"shift+tab"}, "⇧tab", t.Setup.KeyPrev),
			Close: esc(t.Setup.KeyLeave),
			Help:  bind(t, []string{"f1"}, "f1", t.KeyHelp),
			Quit:  interrupt,
		},
		pending: pendingKeys{
			title: t.Settle.Title, globalKeys: global,
			Up: list.Up, Down: list.Down, PgUp: list.PgUp, PgDown: list.PgDown,
			Went:    bind(t, []string{"m"}, "m", t.Settle.KeyWent),
			NotWent: bind(t, []string{"f"}, "f", t.Settle.KeyNotWent),
			Copy:    bind(t, []string{"c"}, "c", t.Settle.KeyCopy),
			Preview: bind(t, []string{"p", "enter"}, "p", t.Settle.KeyPreview),
			Close:   esc(t.KeyClose),
		},
		help: helpKeys{
			listKeys: list,
			Close:    bind(t, []string{"esc", "?", "f1", "q"}, "esc", t.KeyClose),
		},
		meeting: meetingKeys{
			title: mt.HelpMeeting, globalKeys: global,
			Up: list.Up, Down: list.Down, Top: list.Top, Bottom: list.Bottom,
			Pane:      bind(t, []string{"tab"}, "tab", mt.KeyPane),
			ThisWeek:  bind(t, []string{"s"}, "s", mt.KeyThisWeek),
			Later:     bind(t, []string{"p"}, "p", mt.KeyLater),
			Drop:      bind(t, []string{"a"}, "a", mt.KeyDrop),
			TypeViews: bind(t, []string{"i"}, "i", mt.KeyTypeViews),
			Team:      bind(t, []string{"t"}, "t", mt.KeyTeam),
			Minutes:   bind(t, []string{"m"}, "m", mt.KeyMinutes),
			Feeds:     feeds,
			Close:     esc(t.KeyClose),
		},
		attendees: attendeesKeys{
			title: mt.HelpAttendees, globalKeys: local,
			Up: list.Up, Down: list.Down,
			Toggle: bind(t, []string{"space", "x"}, "space", mt.KeyToggle),
			Start:  bind(t, []string{"enter"}, "enter", mt.KeyStart),
			Close:  esc(t.KeyClose),
		},
		choice: choiceKeys{
			title: mt.HelpChoice, globalKeys: local,
			Up: list.Up, Down: list.Down,
			Choose: bind(t, []string{"enter"}, "enter", mt.KeyChoose),
			Cancel: esc(t.Cancel),
		},
		minutes: minutesKeys{
			title: mt.HelpMinutes, globalKeys: local,
			listKeys: listKeys{Up: list.Up, Down: list.Down, PgUp: list.PgUp, PgDown: list.PgDown, Top: list.Top, Bottom: list.Bottom},
			Write:    bind(t, []string{"w"}, "w", mt.KeyWriteMinutes),
			Back:     esc(mt.KeyBackAgenda),
		},
	}
}

// letters are the one-letter keys of a string of answers ("oy").
func letters(s string) []string {
	var out []string
	for _, r := range s {
		out = append(out, string(r))
	}
	return out
}

// confirmKeys answer a question on the footer line; Default (enter)
// answers a question whose answer by default is no.
type confirmKeys struct{ Yes, No, Cancel, Default key.Binding }

// inputKeys end a line being typed (a phone number, an invite link, the
// reason of an urgent send).
type inputKeys struct{ Submit, Cancel key.Binding }

func (k inputKeys) ShortHelp() []key.Binding     { return []key.Binding{k.Submit, k.Cancel} }
func (k inputKeys) FullHelp() [][]key.Binding    { return [][]key.Binding{k.ShortHelp()} }
func (k inputKeys) sections() []section          { return nil }
func (k inputKeys) footer() (_, _ []key.Binding) { return nil, k.ShortHelp() }

type backlogKeys struct {
	title string
	listKeys
	globalKeys
	NextTab, PrevTab, GoToTab, Open, New, Preview, Validate, Revoke key.Binding
	Week, Urgent, Filter, ClearFilter, Forward, Back, Archive       key.Binding
	History, DeleteSamples, WhatsApp, RefreshStats, Correct         key.Binding
	Withdraw, Setup, Meeting, Feeds, Went, NotWent, Duplicate       key.Binding
}

func (k backlogKeys) footer() (main, always []key.Binding) {
	return []key.Binding{k.Went, k.NotWent, k.Open, k.New, k.Preview, k.Validate, k.Week, k.Filter, k.Meeting, k.NextTab, k.Forward, k.Archive},
		[]key.Binding{k.Help, k.Quit}
}

func (k backlogKeys) sections() []section {
	return []section{{k.title, append(k.listKeys.all(),
		k.NextTab, k.PrevTab, k.GoToTab, k.Open, k.New, k.Duplicate, k.Preview, k.Validate, k.Revoke, k.Week, k.Urgent,
		k.Went, k.NotWent, k.Filter, k.ClearFilter, k.Forward, k.Back, k.Archive, k.History, k.DeleteSamples,
		k.WhatsApp, k.RefreshStats, k.Correct, k.Withdraw, k.Setup, k.Meeting, k.Feeds)}, k.globalKeys.section()}
}

func (k backlogKeys) ShortHelp() []key.Binding  { return shortHelp(k) }
func (k backlogKeys) FullHelp() [][]key.Binding { return fullHelp(k) }

// filterKeys are the backlog's keys while the filter is typed: letters
// are the query.
type filterKeys struct {
	title                                   string
	Done, Clear, Up, Down, PgUp, PgDn, Quit key.Binding
}

func (k filterKeys) footer() (main, always []key.Binding) {
	return []key.Binding{k.Done, k.Clear, k.Down, k.Up}, []key.Binding{k.Quit}
}

func (k filterKeys) sections() []section {
	return []section{{k.title, []key.Binding{k.Done, k.Clear, k.Up, k.Down, k.PgUp, k.PgDn}}}
}

func (k filterKeys) ShortHelp() []key.Binding  { return shortHelp(k) }
func (k filterKeys) FullHelp() [][]key.Binding { return fullHelp(k) }

// editorKeys are the editor's: letters are text, so its keys are control
// keys, f1 for help and ctrl+c to quit.
type editorKeys struct {
	title                                                        string
	Save, NextField, PrevField, FieldDown, FieldUp               key.Binding
	CategoryPrev, CategoryNext, Preview, PhoneTheme, RefreshCard key.Binding
	External, History, Close, Help, Quit                         key.Binding
	ImageNext, ImagePrev, ImageClear                             key.Binding // the team desk's pictures
}

func (k editorKeys) footer() (main, always []key.Binding) {
	return []key.Binding{k.Save, k.NextField, k.Close, k.Preview, k.PhoneTheme, k.External, k.History},
		[]key.Binding{k.Help, k.Quit}
}

func (k editorKeys) sections() []section {
	return []section{{k.title, []key.Binding{
		k.Save, k.NextField, k.PrevField, k.FieldDown, k.FieldUp, k.CategoryPrev, k.CategoryNext,
		k.ImageNext, k.ImagePrev, k.ImageClear, k.Preview, k.PhoneTheme, k.RefreshCard, k.External, k.History, k.Close, k.Help, k.Quit,
	}}}
}

func (k editorKeys) ShortHelp() []key.Binding  { return shortHelp(k) }
func (k editorKeys) FullHelp() [][]key.Binding { return fullHelp(k) }

type previewKeys struct {
	title string
	listKeys
	globalKeys
	ReadMore, PhoneTheme, RefreshCard, Validate, Revoke key.Binding
	RefreshStats, Correct, Withdraw, Went, NotWent      key.Binding
	Close                                               key.Binding
}

func (k previewKeys) footer() (main, always []key.Binding) {
	return []key.Binding{k.Went, k.NotWent, k.Validate, k.ReadMore, k.PhoneTheme, k.Close, k.Down, k.Up},
		[]key.Binding{k.Help, k.Quit}
}

func (k previewKeys) sections() []section {
	return []section{{k.title, append([]key.Binding{k.Up, k.Down, k.PgUp, k.PgDown},
		k.ReadMore, k.PhoneTheme, k.RefreshCard, k.Validate, k.Revoke, k.Went, k.NotWent,
		k.RefreshStats, k.Correct, k.Withdraw, k.Close,
	)}, k.globalKeys.section()}
}

func (k previewKeys) ShortHelp() []key.Binding  { return shortHelp(k) }
func (k previewKeys) FullHelp() [][]key.Binding { return fullHelp(k) }

type weekKeys struct {
	title string
	globalKeys
	Up, Down, PrevWeek, NextWeek, Assign, Unassign, Swap key.Binding
	SendNow, MarkSent, MarkNotSent, RefreshStats         key.Binding
	WhatsApp, Close                                      key.Binding
}

func (k weekKeys) footer() (main, always []key.Binding) {
	return []key.Binding{k.MarkSent, k.MarkNotSent, k.Assign, k.Close, k.SendNow, k.NextWeek, k.PrevWeek, k.Swap, k.Unassign},
		[]key.Binding{k.Help, k.Quit}
}

func (k weekKeys) sections() []section {
	return []section{{k.title, []key.Binding{
		k.Up, k.Down, k.PrevWeek, k.NextWeek, k.Assign, k.Unassign, k.Swap, k.SendNow,
		k.MarkSent, k.MarkNotSent, k.RefreshStats, k.WhatsApp, k.Close,
	}}, k.globalKeys.section()}
}

func (k weekKeys) ShortHelp() []key.Binding  { return shortHelp(k) }
func (k weekKeys) FullHelp() [][]key.Binding { return fullHelp(k) }

// pickerKeys choose the post of an empty slot.
type pickerKeys struct {
	title string
	globalKeys
	Up, Down, Pick, Close key.Binding
}

func (k pickerKeys) footer() (main, always []key.Binding) {
	return []key.Binding{k.Pick, k.Close, k.Down, k.Up}, []key.Binding{k.Help, k.Quit}
}

func (k pickerKeys) sections() []section {
	return []section{{k.title, []key.Binding{k.Up, k.Down, k.Pick, k.Close}}, k.globalKeys.section()}
}

func (k pickerKeys) ShortHelp() []key.Binding  { return shortHelp(k) }
func (k pickerKeys) FullHelp() [][]key.Binding { return fullHelp(k) }

type historyKeys struct {
	title string
	listKeys
	globalKeys
	Restore, Close key.Binding
}

func (k historyKeys) footer() (main, always []key.Binding) {
	return []key.Binding{k.Restore, k.Close, k.Down, k.Up}, []key.Binding{k.Help, k.Quit}
}

func (k historyKeys) sections() []section {
	return []section{{k.title, append(k.listKeys.all(), k.Restore, k.Close)}, k.globalKeys.section()}
}

func (k historyKeys) ShortHelp() []key.Binding  { return shortHelp(k) }
func (k historyKeys) FullHelp() [][]key.Binding { return fullHelp(k) }

type whatsAppKeys struct {
	title string
	globalKeys
	LinkQR, LinkPhone, Channels, Invite, Up, Down key.Binding
	Choose, Unlink, Close                         key.Binding
}

func (k whatsAppKeys) footer() (main, always []key.Binding) {
	return []key.Binding{k.LinkQR, k.LinkPhone, k.Channels, k.Choose, k.Close, k.Invite, k.Unlink},
		[]key.Binding{k.Help, k.Quit}
}

func (k whatsAppKeys) sections() []section {
	return []section{{k.title, []key.Binding{
		k.LinkQR, k.LinkPhone, k.Channels, k.Invite, k.Up, k.Down, k.Choose, k.Unlink, k.Close,
	}}, k.globalKeys.section()}
}

func (k whatsAppKeys) ShortHelp() []key.Binding  { return shortHelp(k) }
func (k whatsAppKeys) FullHelp() [][]key.Binding { return fullHelp(k) }

// setupKeys go through the setup's questions: letters are answers, so
// help is f1 and quitting ctrl+c.
type setupKeys struct {
	title                         string
	Next, Prev, Close, Help, Quit key.Binding
}

func (k setupKeys) footer() (main, always []key.Binding) {
	return []key.Binding{k.Next, k.Prev, k.Close}, []key.Binding{k.Help, k.Quit}
}

func (k setupKeys) sections() []section {
	return []section{{k.title, []key.Binding{k.Next, k.Prev, k.Close, k.Help, k.Quit}}}
}

func (k setupKeys) ShortHelp() []key.Binding  { return shortHelp(k) }
func (k setupKeys) FullHelp() [][]key.Binding { return fullHelp(k) }

// huh is the form's own key map, made of the setup's keys: the form
// answers to the same keys the footer shows.
func (k setupKeys) huh() *huh.KeyMap {
	m := huh.NewDefaultKeyMap()
	m.Quit = key.NewBinding(key.WithDisabled()) // ctrl+c quits the desk first
	m.Input.Next, m.Input.Prev, m.Input.Submit = k.Next, k.Prev, k.Next
	return m
}

// pendingKeys settle the sends that wait for a person.
type pendingKeys struct {
	title string
	globalKeys
	Up, Down, PgUp, PgDown, Went, NotWent, Copy, Preview, Close key.Binding
}

func (k pendingKeys) footer() (main, always []key.Binding) {
	return []key.Binding{k.Went, k.NotWent, k.Copy, k.Preview, k.Close, k.Down, k.Up},
		[]key.Binding{k.Help, k.Quit}
}

func (k pendingKeys) sections() []section {
	return []section{{k.title, []key.Binding{
		k.Up, k.Down, k.PgUp, k.PgDown, k.Went, k.NotWent, k.Copy, k.Preview, k.Close,
	}}, k.globalKeys.section()}
}

func (k pendingKeys) ShortHelp() []key.Binding  { return shortHelp(k) }
func (k pendingKeys) FullHelp() [][]key.Binding { return fullHelp(k) }

// helpKeys scroll the help screen and close it.
type helpKeys struct {
	listKeys
	Close key.Binding
}

func (k helpKeys) footer() (main, always []key.Binding) {
	return []key.Binding{k.Down, k.Up, k.PgDown}, []key.Binding{k.Close}
}

func (k helpKeys) sections() []section      { return nil }
func (k helpKeys) ShortHelp() []key.Binding { return shortHelp(k) }
func (k helpKeys) FullHelp() [][]key.Binding {
	return [][]key.Binding{append(k.listKeys.all(), k.Close)}
}

// shortHelp is a footer's bindings in the order help draws them.
func shortHelp(k keyMap) []key.Binding {
	main, always := k.footer()
	return append(append([]key.Binding(nil), main...), always...)
}

// fullHelp is every group of a key map.
func fullHelp(k keyMap) [][]key.Binding {
	var out [][]key.Binding
	for _, s := range k.sections() {
		out = append(out, s.bindings)
	}
	return out
}

// enable turns each binding on or off; it reads as a list of conditions.
func enable(on bool, bs ...*key.Binding) {
	for _, b := range bs {
		b.SetEnabled(on)
	}
}

// meetingKeys are the meeting's keys on its agenda: a key each to decide
// the selected topic, and the way to the minutes.
type meetingKeys struct {
	title string
	globalKeys
	Up, Down, Top, Bottom, Pane, ThisWeek, Later, Drop key.Binding
	TypeViews, Team, Minutes, Feeds, Close             key.Binding
}

func (k meetingKeys) footer() (main, always []key.Binding) {
	return []key.Binding{k.ThisWeek, k.Later, k.Drop, k.Minutes, k.Close, k.Pane, k.TypeViews, k.Team, k.Feeds},
		[]key.Binding{k.Help, k.Quit}
}

func (k meetingKeys) sections() []section {
	return []section{{k.title, []key.Binding{
		k.Up, k.Down, k.Top, k.Bottom, k.ThisWeek, k.Later, k.Drop, k.Pane, k.TypeViews,
		k.Team, k.Minutes, k.Feeds, k.Close,
	}}, k.globalKeys.section()}
}

func (k meetingKeys) ShortHelp() []key.Binding  { return shortHelp(k) }
func (k meetingKeys) FullHelp() [][]key.Binding { return fullHelp(k) }

// attendeesKeys tick who is at the meeting.
type attendeesKeys struct {
	title string
	globalKeys
	Up, Down, Toggle, Start, Close key.Binding
}

func (k attendeesKeys) footer() (main, always []key.Binding) {
	return []key.Binding{k.Toggle, k.Start, k.Close, k.Down, k.Up}, []key.Binding{k.Help, k.Quit}
}

func (k attendeesKeys) sections() []section {
	return []section{{k.title, []key.Binding{k.Up, k.Down, k.Toggle, k.Start, k.Close}}, k.globalKeys.section()}
}

func (k attendeesKeys) ShortHelp() []key.Binding  { return shortHelp(k) }
func (k attendeesKeys) FullHelp() [][]key.Binding { return fullHelp(k) }

// choiceKeys choose in a list of the meeting: a slot, a writer, a week.
type choiceKeys struct {
	title string
	globalKeys
	Up, Down, Choose, Cancel key.Binding
}

func (k choiceKeys) footer() (main, always []key.Binding) {
	return []key.Binding{k.Choose, k.Cancel, k.Down, k.Up}, []key.Binding{k.Help, k.Quit}
}

func (k choiceKeys) sections() []section {
	return []section{{k.title, []key.Binding{k.Up, k.Down, k.Choose, k.Cancel}}, k.globalKeys.section()}
}

func (k choiceKeys) ShortHelp() []key.Binding  { return shortHelp(k) }
func (k choiceKeys) FullHelp() [][]key.Binding { return fullHelp(k) }

// minutesKeys scroll the minutes and write them to a file.
type minutesKeys struct {
	title string
	listKeys
	globalKeys
	Write, Back key.Binding
}

func (k minutesKeys) footer() (main, always []key.Binding) {
	return []key.Binding{k.Write, k.Back, k.Down, k.Up, k.PgDown}, []key.Binding{k.Help, k.Quit}
}

func (k minutesKeys) sections() []section {
	return []section{{k.title, append(k.listKeys.all(), k.Write, k.Back)}, k.globalKeys.section()}
}

func (k minutesKeys) ShortHelp() []key.Binding  { return shortHelp(k) }
func (k minutesKeys) FullHelp() [][]key.Binding { return fullHelp(k) }
