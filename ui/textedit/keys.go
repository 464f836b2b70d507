package textedit

import "charm.land/bubbles/v2/key"

// KeyMap is the field's keys. The defaults are those of bubbles' textarea,
// which the desk's help has always listed, without its selection.
type KeyMap struct {
	CharacterForward, CharacterBackward key.Binding
	WordForward, WordBackward           key.Binding
	LineNext, LinePrevious              key.Binding
	PageDown, PageUp                    key.Binding
	LineStart, LineEnd                  key.Binding
	InputBegin, InputEnd                key.Binding
	InsertNewline                       key.Binding
	DeleteCharacterBackward             key.Binding
	DeleteCharacterForward              key.Binding
	DeleteWordBackward                  key.Binding
	DeleteWordForward                   key.Binding
	DeleteBeforeCursor                  key.Binding
	DeleteAfterCursor                   key.Binding
}

// DefaultKeyMap is the keys a terminal's text fields have taught: arrows,
// Emacs's control keys, alt for words.
func DefaultKeyMap() KeyMap {
	b := func(keys ...string) key.Binding { return key.NewBinding(key.WithKeys(keys...)) }
	return KeyMap{
		CharacterForward:        b("right", "ctrl+f", "shift+right"),
		CharacterBackward:       b("left", "ctrl+b", "shift+left"),
		WordForward:             b("alt+right", "ctrl+right", "alt+f"),
		WordBackward:            b("alt+left", "ctrl+left", "alt+b"),
		LineNext:                b("down", "ctrl+n", "shift+down"),
		LinePrevious:            b("up", "ctrl+p", "shift+up"),
		PageDown:                b("pgdown"),
		PageUp:                  b("pgup"),
		LineStart:               b("home", "ctrl+a"),
		LineEnd:                 b("end", "ctrl+e"),
		InputBegin:              b("alt+<", "ctrl+home"),
		InputEnd:                b("alt+>", "ctrl+end"),
		InsertNewline:           b("enter", "ctrl+m", "shift+enter"),
		DeleteCharacterBackward: b("backspace", "ctrl+h", "shift+backspace"),
		DeleteCharacterForward:  b("delete", "ctrl+d"),
		DeleteWordBackward:      b("alt+backspace", "ctrl+w", "ctrl+backspace"),
		DeleteWordForward:       b("alt+delete", "alt+d", "ctrl+delete"),
		DeleteBeforeCursor:      b("ctrl+u"),
		DeleteAfterCursor:       b("ctrl+k"),
	}
}
