package i18n

// SettleText is what the desk says about sends that wait for a person:
// the copy-and-paste ones (to paste) and those of unknown outcome, the
// list where they are settled, and what was copied where.
type SettleText struct {
	// Banner counts them on every screen's title line, naming the key
	// that lists them: the count, then the key.
	Banner Plural
	Title  string // the screen's
	Empty  string
	// States name a send to settle, by its state ("paste", "unknown").
	States map[string]string
	// PasteHow and UnknownHow say what to do with the selected send.
	PasteHow, UnknownHow string
	TextTitle, InFile    string // the text to paste, and the file that holds it
	// Where the text was copied, said as it is: the system clipboard and
	// the terminal (OSC 52), or the terminal only, which some terminals
	// ignore; Why follows a system clipboard that could not take it.
	CopiedBoth, CopiedTerminal, Why string
	Queued, Urgent, LastError       string // the facts of a send
	MsgWent, MsgNotWent             string
	MsgCopiedAgain, MsgNothing      string
	// MsgPaste follows a send by copy and paste: the post's title, then
	// where the text was copied.
	MsgPaste string

	KeySettle, KeyWent, KeyNotWent, KeyCopy, KeyPreview string
	// KeyWentHere and KeyNotWentHere are the preview's, where m reads
	// "Read more".
	KeyWentHere, KeyNotWentHere string
}

var settleFR = SettleText{
	Banner: Plural{One: "⚠ %[1]s envoi à régler (%[2]s)", Other: "⚠ %[1]s envois à régler (%[2]s)"},
	Title:  "Envois à régler",
	Empty:  "Rien à régler\u202f: chaque envoi a son issue.",
	States: map[string]string{"paste": "à coller", "unknown": "incertain"},
	PasteHow: "Collez ce texte dans la chaîne WhatsApp, puis m une fois publié\u202f; " +
		"f s’il ne part pas (il pourra repartir).",
	UnknownHow: "Il a pu partir sans réponse\u202f: regardez la chaîne, puis m s’il y est, f sinon " +
		"(il pourra repartir). Rien ne repart tout seul.",
	TextTitle:      "Texte à coller, tel quel\u202f:",
	InFile:         "Le même texte est dans %s",
	CopiedBoth:     "copié dans le presse-papiers du système et envoyé au terminal (OSC 52)",
	CopiedTerminal: "envoyé au terminal (OSC 52), que certains terminaux ignorent (tmux, Terminal de macOS)\u202f; pas de presse-papiers système ici",
	Why:            " (%s)",
	Queued:         "mis en file le %s",
	Urgent:         "urgent\u202f: %s",
	LastError:      "dernière tentative\u202f: %s",
	MsgWent:        "«\u00a0%s\u00a0» vers %s\u202f: noté comme publié.",
	MsgNotWent:     "«\u00a0%s\u00a0» vers %s\u202f: noté comme non parti\u202f; il peut repartir.",
	MsgCopiedAgain: "Texte de «\u00a0%s\u00a0» %s.",
	MsgNothing:     "Cette publication n’a pas d’envoi à régler.",
	MsgPaste:       "Texte de «\u00a0%s\u00a0» prêt à coller\u202f: %s.",

	KeySettle: "envois à régler", KeyWent: "il est parti (publié)", KeyNotWent: "il n’est pas parti",
	KeyCopy: "copier le texte de nouveau", KeyPreview: "aperçu de la publication",
	KeyWentHere: "parti (publié)", KeyNotWentHere: "pas parti",
}

var settleEN = SettleText{
	Banner: Plural{One: "⚠ %[1]s send to settle (%[2]s)", Other: "⚠ %[1]s sends to settle (%[2]s)"},
	Title:  "Sends to settle",
	Empty:  "Nothing to settle: every send has its outcome.",
	States: map[string]string{"paste": "to paste", "unknown": "unknown"},
	PasteHow: "Paste this text in the WhatsApp channel, then m once it is posted; " +
		"f if it does not go (it can go again).",
	UnknownHow: "It may have gone out with no answer: look at the channel, then m if it is there, f if not " +
		"(it can go again). Nothing goes again by itself.",
	TextTitle:      "Text to paste, as it is:",
	InFile:         "The same text is in %s",
	CopiedBoth:     "copied to the system clipboard and sent to the terminal (OSC 52)",
	CopiedTerminal: "sent to the terminal (OSC 52), which some terminals ignore (tmux, macOS Terminal); no system clipboard here",
	Why:            " (%s)",
	Queued:         "queued on %s",
	Urgent:         "urgent: %s",
	LastError:      "last attempt: %s",
	MsgWent:        "“%s” to %s: marked as posted.",
	MsgNotWent:     "“%s” to %s: marked as not gone out; it can go again.",
	MsgCopiedAgain: "Text of “%s” %s.",
	MsgNothing:     "This post has no send to settle.",
	MsgPaste:       "Text of “%s” ready to paste: %s.",

	KeySettle: "sends to settle", KeyWent: "it went out (posted)", KeyNotWent: "it did not go out",
	KeyCopy: "copy the text again", KeyPreview: "preview the post",
	KeyWentHere: "went out (posted)", KeyNotWentHere: "did not go",
}
