package phone

import "crieur/message/markup"

// Folds says whether the phone shows a text cut at "Read more": longer
// than readMore characters as the follower sees them (markup.Length).
// Zero never cuts.
func Folds(text string, readMore int) bool {
	return readMore > 0 && markup.Length(Sanitize(text)) > readMore
}
