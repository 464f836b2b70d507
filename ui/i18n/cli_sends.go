package i18n

// SendsText is what crieur sends says: the send log, and a person's word
// on a send that waits for one. The states a script reads (--json) and
// the words went and not stay as they are.
type SendsText struct {
	Summary, Usage string

	NoArgs, BadMark, BadWord      string
	NoSuchSend, Ambiguous, NoData string
	// NotToSettle: the send is in a state no word changes (its title,
	// destination and state).
	NotToSettle string
	// Header names the table's columns: id, state, due, destination, post.
	Header [5]string
	// States name each state in the table, by its name in the data file.
	States map[string]string
	// TextIn follows a send to paste: the file that holds its text.
	TextIn string
	// LastError follows a send whose last attempt did not go as planned:
	// why, in the catalogue's words (see Text.SendError).
	LastError string
	// Went and NotWent say what a word did: the title, the destination.
	Went, NotWent string
	// Awaiting is send --due's line when texts wait to be pasted.
	Awaiting Plural
}

var sendsEN = SendsText{
	Summary: "list the sends, and settle one that waits for a person",
	Usage: `Usage: crieur sends [--open] [--json]
       crieur sends mark ID went|not

Lists the send log, in the order the sends were queued: each post going to
one destination, with its state and when it is due. A send "to paste" is a
copy-and-paste one: its text is in the file named under it, to post in
WhatsApp by hand. A send "unknown" may have gone out: nothing sends it
again by itself. Both wait for a person's word:

  crieur sends mark ID went   it went out (posted)
  crieur sends mark ID not    it did not go out; it can go again

ID may be the start of a send's id, when no other send starts the same way.

  --open   only the sends not settled yet: queued, being sent, to paste,
           unknown
  --json   one JSON object per line for scripts: id, post, title,
           destination, state (queued, sending, paste, unknown, sent, failed,
           cancelled), due, queued, urgent, reason, outbox, attempts, settled;
           when the last attempt did not go as planned, code (why, in a
           word that stays the same: server_error, timeout, tls_untrusted,
           seal_broken...), http (the status answered) and error (the
           destination's own words)
`,
	NoArgs:      "sends takes no arguments but mark (got %q); run 'crieur sends -h' for help",
	BadMark:     "sends mark takes an id and went or not: crieur sends mark ID went|not",
	BadWord:     "%q is neither went nor not",
	NoSuchSend:  "no send with an id starting %q; crieur sends lists them",
	Ambiguous:   "%d sends have an id starting %q; give more of it",
	NoData:      "no data file at %s yet: no sends\n",
	NotToSettle: "“%s” to %s is %s: there is nothing to settle",
	Header:      [5]string{"ID", "STATE", "DUE", "DESTINATION", "POST"},
	States: map[string]string{
		"queued": "queued", "sending": "sending", "paste": "to paste", "unknown": "unknown",
		"sent": "sent", "failed": "failed", "cancelled": "cancelled",
	},
	TextIn:    "  text in %s\n",
	LastError: "  last attempt: %s\n",
	Went:      "“%s” to %s: marked as posted\n",
	NotWent:   "“%s” to %s: marked as not gone out; it can go again\n",
	Awaiting:  Plural{One: "%s text waits to be pasted in WhatsApp: crieur sends --open shows it; once posted, crieur sends mark ID went\n", Other: "%s texts wait to be pasted in WhatsApp: crieur sends --open shows them; once posted, crieur sends mark ID went\n"},
}

var sendsFR = SendsText{
	Summary: "liste les envois, et règle celui qui attend quelqu’un",
	Usage: `Usage : crieur sends [--open] [--json]
        crieur sends mark ID went|not

Liste le journal des envois, dans l’ordre où ils ont été mis en file :
chaque publication vers une destination, avec son état et son heure. Un
envoi « à coller » passe par copier-coller : son texte est dans le fichier
nommé dessous, à publier à la main dans WhatsApp. Un envoi « incertain »
est peut-être parti : rien ne le renvoie de lui-même. Tous deux attendent
qu’on dise ce qu’il en est :

  crieur sends mark ID went   il est parti (publié)
  crieur sends mark ID not    il n’est pas parti ; il pourra repartir

ID peut être le début de l’identifiant d’un envoi, si aucun autre ne
commence pareil.

  --open   seulement les envois pas encore réglés : en file, en cours,
           à coller, incertains
  --json   un objet JSON par ligne pour les scripts : id, post, title,
           destination, state (queued, sending, paste, unknown, sent,
           failed, cancelled), due, queued, urgent, reason, outbox,
           attempts, settled ; quand la dernière tentative a mal tourné,
           code (pourquoi, en un mot qui ne change pas : server_error,
           timeout, tls_untrusted, seal_broken…), http (le statut reçu)
           et error (les mots mêmes de la destination, en anglais)
`,
	NoArgs:      "sends ne prend d’argument que mark (reçu «\u00a0%s\u00a0»)\u202f; «\u00a0crieur sends -h\u00a0» donne l’aide",
	BadMark:     "sends mark attend un identifiant puis went ou not\u202f: crieur sends mark ID went|not",
	BadWord:     "«\u00a0%s\u00a0» n’est ni went ni not",
	NoSuchSend:  "aucun envoi dont l’identifiant commence par «\u00a0%s\u00a0»\u202f; crieur sends les liste",
	Ambiguous:   "%d envois ont un identifiant qui commence par «\u00a0%s\u00a0»\u202f; donnez-en davantage",
	NoData:      "pas encore de fichier de données à %s\u202f: aucun envoi\n",
	NotToSettle: "«\u00a0%s\u00a0» vers %s est «\u00a0%s\u00a0»\u202f: il n’y a rien à régler",
	Header:      [5]string{"ID", "ÉTAT", "HEURE", "DESTINATION", "PUBLICATION"},
	States: map[string]string{
		"queued": "en file", "sending": "en cours", "paste": "à coller", "unknown": "incertain",
		"sent": "parti", "failed": "échec", "cancelled": "annulé",
	},
	TextIn:    "  texte dans %s\n",
	LastError: "  dernière tentative\u202f: %s\n",
	Went:      "«\u00a0%s\u00a0» vers %s\u202f: noté comme publié\n",
	NotWent:   "«\u00a0%s\u00a0» vers %s\u202f: noté comme non parti\u202f; il pourra repartir\n",
	Awaiting:  Plural{One: "%s texte attend d’être collé dans WhatsApp\u202f: crieur sends --open le montre\u202f; une fois publié, crieur sends mark ID went\n", Other: "%s textes attendent d’être collés dans WhatsApp\u202f: crieur sends --open les montre\u202f; une fois publiés, crieur sends mark ID went\n"},
}
