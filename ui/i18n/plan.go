package i18n

// PlanText is what the week says so that planning cannot surprise: when a
// post goes out before it does, a slot already past, a post to validate
// again in its slot, a reserved slot, a move, a copy.
type PlanText struct {
	// Goes says when a post will go out: "part jeudi 12:00"; Now is the
	// same for a send now.
	Goes, GoesNow string
	// Went says when it went: a slot whose post is already gone counts
	// down no more.
	Went string
	// ValidateGoes follows the validation's question when validating
	// queues the post: when it goes.
	ValidateGoes string
	// PastSlot asks, with no as the default, to send now the post picked
	// for a slot already past: the slot, the title, the destinations.
	PastSlot             string
	Urgent               string // an urgent send's row
	MsgMoved, MsgPlanned string
	MsgSwapPick          string
	MsgSwapCancelled     string
	// Restored follows a restored revision whose text is not the one
	// validated: the revision, the new one, the title.
	Restored string
	// Duplicates: the key, the message, and what the copy's title ends
	// with.
	KeyDuplicate, MsgDuplicated, CopySuffix string
	KeyMove                                 string
}

var planFR = PlanText{
	Goes: "part %s", GoesNow: "part maintenant", Went: "parti %s",
	ValidateGoes:     " Elle %s.",
	PastSlot:         "Le créneau %s est passé\u202f: on ne le planifie plus. Envoyer «\u00a0%s\u00a0» maintenant vers %s\u202f? (o/N)",
	Urgent:           "⚡ urgent",
	MsgMoved:         "«\u00a0%s\u00a0» déplacée\u202f: elle %s.",
	MsgPlanned:       "«\u00a0%s\u00a0» planifiée\u202f: elle %s.",
	MsgSwapPick:      "x sur un autre créneau\u202f: échanger · sur un créneau libre\u202f: déplacer · échap\u202f: annuler.",
	MsgSwapCancelled: "Échange annulé.",
	Restored:         "Révision %d restaurée (nouvelle rév. %d)\u202f: ce n’est plus le texte validé, «\u00a0%s\u00a0» est à valider de nouveau.",
	KeyDuplicate:     "copier en nouveau brouillon",
	MsgDuplicated:    "«\u00a0%s\u00a0» copiée en nouveau brouillon.",
	CopySuffix:       " (copie)",
	KeyMove:          "échanger deux créneaux, ou déplacer vers un créneau libre (x sur l’un puis l’autre)",
}

var planEN = PlanText{
	Goes: "goes %s", GoesNow: "goes now", Went: "went %s",
	ValidateGoes:     " It %s.",
	PastSlot:         "The slot %s is past: it can no longer be planned. Send “%s” now to %s? (y/N)",
	Urgent:           "⚡ urgent",
	MsgMoved:         "“%s” moved: it %s.",
	MsgPlanned:       "“%s” planned: it %s.",
	MsgSwapPick:      "x on another slot: swap · on a free slot: move · esc: cancel.",
	MsgSwapCancelled: "Swap cancelled.",
	Restored:         "Revision %d restored (new rev. %d): this is not the text validated, “%s” is to validate again.",
	KeyDuplicate:     "copy as a new draft",
	MsgDuplicated:    "“%s” copied as a new draft.",
	CopySuffix:       " (copy)",
	KeyMove:          "swap two slots, or move to a free slot (x on one, then the other)",
}
