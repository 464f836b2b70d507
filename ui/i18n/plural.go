package i18n

import (
	"fmt"

	"golang.org/x/text/feature/plural"
	"golang.org/x/text/language"
)

// Plural is a sentence that agrees with a count. The catalogue stays a
// typed struct, so a missing form is a failing test rather than a silent
// fallback, and the leak test can list every entry; the choice between
// the forms follows CLDR's rules from golang.org/x/text: French treats 0
// and 1 as singular ("0 publication", "1 publication"), English only 1
// ("0 posts", "1 post").
//
// Each form is a format whose first argument is the count, already
// written with the language's digit grouping (so %s, or %[1]s), and whose
// other arguments follow; a form that moves them around names them
// (%[2]s).
type Plural struct{ One, Other string }

// N writes p for the count n: the count first, then the other arguments.
func (t *Text) N(p Plural, n int, a ...any) string {
	form := p.Other
	if t.singular(n) {
		form = p.One
	}
	return fmt.Sprintf(form, append([]any{t.Count(n)}, a...)...)
}

// singular reports whether the language writes n in the singular.
func (t *Text) singular(n int) bool {
	tag := language.English
	if t.Lang == "fr" {
		tag = language.French
	}
	if n < 0 {
		n = -n
	}
	return plural.Cardinal.MatchPlural(tag, n%10_000_000, 0, 0, 0, 0) == plural.One
}
