// Package i18ntest finds, in what the desk or the command line printed in
// one language, the words of the other: the proof that a screen or a
// command speaks one language only.
package i18ntest

import (
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"

	"crieur/ui/i18n"
)

// verb matches a format verb, where an entry's fixed text is cut.
var verb = regexp.MustCompile(`%(\[\d+\])?[-+# 0]*(\d+|\*)?(\.\d+)?[a-zA-Z%]`)

// minLetters is the fewest letters a piece of an entry needs to be looked
// for: shorter ones ("K", "up", "No") are words of both languages or
// parts of key names.
const minLetters = 3

// Foreign lists the pieces of the other language's entries that appear in
// text, which was written in lang: every entry of the other catalogue that
// differs from lang's entry at the same place, cut at its format verbs and
// line breaks, matched as whole words, case and accents as they are. allow
// names the words scripts read (flag values, status names in a command's
// help), which may stay.
func Foreign(lang, text string, allow ...string) []string {
	other := "en"
	if lang == "en" {
		other = "fr"
	}
	var found []string
	seen := map[string]bool{}
	for _, piece := range pieces[other]() {
		if seen[piece] || allowed(piece, allow) {
			continue
		}
		if containsWord(text, piece) {
			seen[piece] = true
			found = append(found, piece)
		}
	}
	sort.Strings(found)
	return found
}

// ScriptWords are the words a program reads, which the help of a command
// and the settings file show as they are in every language: command names,
// the values flags take, the fields of JSON and of import files, the
// statuses as the data file names them, the settings file's keys and
// values.
var ScriptWords = []string{
	"list", "import", "export", "preview", "send", "whatsapp", "backup", "version", "help",
	"link", "channels", "status", "unlink", "feeds", "fetch", "minutes", "calendar",
	"id", "title", "body", "category", "notes", "image", "alt", "created", "updated", "slot", "sample", "problems",
	"idea", "draft", "ready", "validated", "planned", "sending", "sent", "failed", "unknown", "archived",
	"jsonl", "csv", "light", "dark", "fr", "en",
	// crieur sends: its words and the fields and states of its JSON.
	"sends", "mark", "went", "not", "open", "json", "post", "state", "due", "queued", "urgent",
	"reason", "outbox", "attempts", "settled", "paste", "cancelled",
	// Why a send's last attempt did not go as planned, as --json says it.
	"code", "http", "error",
	// The settings file's tables, keys and the values it reads.
	"desk", "channel", "preview", "week", "destination", "name", "language", "timezone",
	"followers", "allowed_domains", "link_rule", "width", "read_more", "slots", "kind",
	"chat_id", "api_base", "url", "channel_name", "append", "none", "manual", "telegram", "webhook",
	"city", "category", "labels", "practical", "service", "alert", "event",
	"meeting", "member", "feed", "role", "writer", "validator", "admin",
	// The team desk: the member's key, validation's settings, the command.
	"key", "validation", "four_eyes", "topic_approval", "serve",
}

// Entries are lang's entries, whole.
func Entries(lang string) []string {
	var entries []string
	walk(reflect.ValueOf(*i18n.For(lang)), reflect.ValueOf(*i18n.For(lang)), func(mine, _ string) {
		entries = append(entries, mine)
	})
	return entries
}

var pieces = map[string]func() []string{
	"fr": sync.OnceValue(func() []string { return Pieces("fr") }),
	"en": sync.OnceValue(func() []string { return Pieces("en") }),
}

// allowed reports whether every word of piece is an allowed one.
func allowed(piece string, allow []string) bool {
	words := strings.FieldsFunc(piece, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for _, w := range words {
		if !slices.Contains(allow, w) {
			return false
		}
	}
	return len(words) > 0
}

// Pieces are the fixed pieces of lang's entries that differ from the
// other language's entry at the same place.
func Pieces(lang string) []string {
	other := "en"
	if lang == "en" {
		other = "fr"
	}
	var pieces []string
	walk(reflect.ValueOf(*i18n.For(lang)), reflect.ValueOf(*i18n.For(other)), func(mine, theirs string) {
		if mine == theirs {
			return
		}
		for _, line := range strings.Split(verb.ReplaceAllString(mine, "\n"), "\n") {
			piece := strings.TrimFunc(line, func(r rune) bool {
				return unicode.IsSpace(r) || unicode.IsPunct(r) || unicode.IsSymbol(r)
			})
			if letters(piece) >= minLetters && !strings.Contains(theirs, piece) {
				pieces = append(pieces, piece)
			}
		}
	})
	return pieces
}

// walk calls leaf on each pair of strings at the same place in a and b.
func walk(a, b reflect.Value, leaf func(a, b string)) {
	switch a.Kind() {
	case reflect.String:
		leaf(a.String(), b.String())
	case reflect.Struct:
		for i := range a.NumField() {
			walk(a.Field(i), b.Field(i), leaf)
		}
	case reflect.Array, reflect.Slice:
		for i := range min(a.Len(), b.Len()) {
			walk(a.Index(i), b.Index(i), leaf)
		}
	case reflect.Map:
		for _, k := range a.MapKeys() {
			if v := b.MapIndex(k); v.IsValid() {
				walk(a.MapIndex(k), v, leaf)
			}
		}
	}
}

func letters(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n
}

// containsWord reports whether piece appears in text with no letter, digit,
// hyphen, underscore, slash or dot before a letter right before or after it:
// "--offline", "link-missing", ".../channel/..." and "week.slots" are a
// flag, a check's code, an address and a setting, not the words
// "offline", "link", "channel" and "week".
func containsWord(text, piece string) bool {
	for from := 0; ; {
		i := strings.Index(text[from:], piece)
		if i < 0 {
			return false
		}
		i += from
		end := i + len(piece)
		before, after := ' ', ' '
		if i > 0 {
			before = lastRune(text[:i])
			// "week.slots", "valbourg.fr": a dot between letters joins.
			if before == '.' && i > 1 && unicode.IsLetter(lastRune(text[:i-1])) {
				before = 'a'
			}
		}
		if end < len(text) {
			next := []rune(text[end:min(end+8, len(text))])
			after = next[0]
			if after == '.' && len(next) > 1 && unicode.IsLetter(next[1]) {
				after = 'a'
			}
		}
		if !wordRune(before) && !wordRune(after) {
			return true
		}
		from = i + 1
	}
}

func lastRune(s string) rune {
	r := []rune(s[max(len(s)-4, 0):])
	return r[len(r)-1]
}

func wordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '/' || r == '_'
}

// quoteWords is how many words in a row of a text in the other language
// make a quote of it: fewer may be a name or a command ("crieur whatsapp").
const quoteWords = 3

// Quotes lists the runs of words of raw, a text in English that is not in
// the catalogue (what a back-end or a server answered), that appear in
// text: the proof that a French report says such a text in its own words
// rather than passing it on. Runs are quoteWords words long, each word of
// letters only, matched as whole words; a run of allowed words may stay.
func Quotes(text, raw string, allow ...string) []string {
	words := strings.FieldsFunc(raw, func(r rune) bool { return !unicode.IsLetter(r) })
	var found []string
	seen := map[string]bool{}
	for i := 0; i+quoteWords <= len(words); i++ {
		run := words[i : i+quoteWords]
		phrase := strings.Join(run, " ")
		if seen[phrase] || allowed(phrase, allow) {
			continue
		}
		if quoted(text, run) {
			seen[phrase] = true
			found = append(found, phrase)
		}
	}
	return found
}

// quoted reports whether text has the words of run in a row, whatever
// spaces and punctuation stand between them.
func quoted(text string, run []string) bool {
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) })
	for i := 0; i+len(run) <= len(words); i++ {
		if slices.Equal(words[i:i+len(run)], run) {
			return true
		}
	}
	return false
}

// Leaks is Foreign, and Quotes of each of raw: everything in text, written
// in lang, that another language put there.
func Leaks(lang, text string, raw []string, allow ...string) []string {
	found := Foreign(lang, text, allow...)
	for _, r := range raw {
		found = append(found, Quotes(text, r, allow...)...)
	}
	return found
}
