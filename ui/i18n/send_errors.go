package i18n

import (
	"fmt"
	"strings"
)

// SendErrorText says why a send did not go as planned: one sentence per
// code the send log records (the sender's codes, which stay the same in
// every language and version), without a capital or a final stop, since
// it follows "dernière tentative : " or a report's line.
type SendErrorText struct {
	Codes map[string]string
	// Recorded says an error logged before the log kept codes: the
	// back-end's words as they were recorded, in English.
	Recorded string
	// Unforeseen follows the sentence of an error crieur did not foresee,
	// with the back-end's words, which are all there is to say.
	Unforeseen string
	// Status follows a sentence when the destination answered an HTTP
	// status: the number alone.
	Status string
	// Why follows the desk's count of a run's sends: the destination of
	// the first that needs a person, and why.
	Why string
	// Destination says why a destination of the settings cannot send:
	// its name, and why.
	Destination string
	// Attempts are the history's rows of an attempt that did not go as
	// planned, by the attempt's state ("failed", "unknown"): the
	// destination, and why.
	Attempts map[string]string
}

// SendError says why a send did not go as planned: the sentence of its
// code, with the HTTP status when the destination answered one; for an
// attempt logged without a code (by an older crieur) or with a code this
// one does not know, the words recorded, introduced as such.
func (t *Text) SendError(code string, status int, detail string) string {
	w := &t.SendErrors
	detail = strings.Join(strings.Fields(detail), " ")
	text, ok := w.Codes[code]
	switch {
	case !ok && detail == "":
		text = w.Codes["other"]
	case !ok:
		return fmt.Sprintf(w.Recorded, detail)
	case code == "other" && detail != "":
		text += fmt.Sprintf(w.Unforeseen, detail)
	}
	if status != 0 {
		text += fmt.Sprintf(w.Status, status)
	}
	return text
}

var sendErrorsFR = SendErrorText{
	Codes: map[string]string{
		"server_error":  "le serveur de la destination a répondu par une erreur",
		"refused":       "la destination a refusé le message",
		"redirect":      "l’adresse de la destination a changé\u202f: indiquez la nouvelle dans les réglages",
		"rate_limited":  "la destination demande d’attendre avant un nouvel envoi",
		"forbidden":     "le bot n’a pas le droit de publier dans cette chaîne\u202f: nommez-le administrateur",
		"no_message_id": "la destination a répondu sans numéro de message",
		"timeout":       "pas de réponse dans le délai",
		"no_answer":     "la connexion a été coupée avant la réponse",
		"unreachable":   "destination injoignable (pas de réseau, adresse inconnue ou connexion refusée)",
		"tls_untrusted": "le certificat du serveur n’est signé par aucune autorité reconnue par cet ordinateur\u202f; rien n’est parti",
		"tls_name":      "le certificat du serveur est établi pour un autre nom\u202f; rien n’est parti",
		"tls_invalid":   "le certificat du serveur n’est pas valide\u202f; rien n’est parti",
		"tls_none":      "le serveur ne parle pas HTTPS à cette adresse\u202f; rien n’est parti",
		"no_secret":     "la clé de signature du webhook manque\u202f: définissez CRIEUR_WEBHOOK_SECRET",
		"bad_token":     "le jeton du bot Telegram manque ou a été refusé\u202f: vérifiez CRIEUR_TELEGRAM_TOKEN",
		"bad_address":   "l’adresse de la destination ne convient pas (http ou https, et https pour Telegram)",
		"no_channel":    "aucune chaîne où publier, ou chaîne introuvable\u202f: vérifiez les réglages",

		"no_destination":  "aucune destination de ce nom dans les réglages",
		"bad_kind":        "une destination d’un type que crieur ne sait pas utiliser",
		"seal_broken":     "le message n’est plus le texte validé\u202f: validez-le à nouveau",
		"already_sent":    "la publication y est déjà partie\u202f; la renvoyer reste la décision d’une personne",
		"no_reason":       "un envoi urgent demande sa raison",
		"not_sendable":    "la publication ne peut pas partir dans son état actuel",
		"picture_missing": "l’image n’est pas dans le fichier de données\u202f: ouvrez la publication et enregistrez-la",
		"picture_changed": "l’image n’est plus celle qui a été validée",
		"picture_format":  "la destination ne prend pas ce format d’image (JPEG ou PNG)",
		"picture_size":    "l’image est trop lourde pour la destination",
		"card_changed":    "la vignette du lien n’est plus celle qui a été validée\u202f: actualisez la carte et validez à nouveau",

		"whatsapp_not_linked":    "WhatsApp n’est pas relié\u202f: crieur whatsapp link",
		"whatsapp_logged_out":    "WhatsApp a déconnecté cet appareil\u202f: reliez-le à nouveau",
		"whatsapp_not_connected": "pas de connexion à WhatsApp",
		"whatsapp_no_ack":        "WhatsApp n’a pas confirmé le message",
		"whatsapp_rejected":      "WhatsApp a refusé le message",
		"whatsapp_edit_window":   "trop tard pour modifier\u202f: WhatsApp ne le permet que peu de temps après la publication",

		"outbox":      "le texte à coller n’a pas pu être écrit dans le dossier d’envoi",
		"offline":     "destination non jointe lors de ce passage (hors ligne)",
		"interrupted": "crieur s’est arrêté avant de connaître l’issue",
		"other":       "erreur imprévue",
	},
	Recorded:    "erreur enregistrée en anglais\u202f: «\u00a0%s\u00a0»",
	Unforeseen:  " (détail technique\u202f: «\u00a0%s\u00a0»)",
	Status:      " (HTTP %d)",
	Why:         "%s\u202f: %s.",
	Destination: "destination «\u00a0%s\u00a0»\u202f: %s",
	Attempts: map[string]string{
		"failed":  "✗ envoi vers %s échoué\u202f: %s",
		"unknown": "? envoi vers %s peut-être parti\u202f: %s",
	},
}

var sendErrorsEN = SendErrorText{
	Codes: map[string]string{
		"server_error":  "the destination's server answered with an error",
		"refused":       "the destination refused the message",
		"redirect":      "the destination's address has moved: set the new one in the settings",
		"rate_limited":  "the destination asks to wait before another send",
		"forbidden":     "the bot may not post in this channel: make it an administrator",
		"no_message_id": "the destination answered without a message id",
		"timeout":       "no answer in time",
		"no_answer":     "the connection dropped before the answer",
		"unreachable":   "the destination could not be reached (no network, unknown address or connection refused)",
		"tls_untrusted": "the server's certificate is not signed by an authority this computer trusts; nothing was sent",
		"tls_name":      "the server's certificate is for another name; nothing was sent",
		"tls_invalid":   "the server's certificate is not valid; nothing was sent",
		"tls_none":      "the server does not speak HTTPS at this address; nothing was sent",
		"no_secret":     "the webhook's signing key is missing: set CRIEUR_WEBHOOK_SECRET",
		"bad_token":     "the Telegram bot's token is missing or was refused: check CRIEUR_TELEGRAM_TOKEN",
		"bad_address":   "the destination's address will not do (http or https, and https for Telegram)",
		"no_channel":    "no channel to post to, or the channel cannot be found: check the settings",

		"no_destination":  "no destination of that name in the settings",
		"bad_kind":        "a destination of a kind crieur cannot use",
		"seal_broken":     "the message is no longer the text validated: validate it again",
		"already_sent":    "the post already went there; sending it again is a person's decision",
		"no_reason":       "an urgent send needs its reason",
		"not_sendable":    "the post cannot go as it stands",
		"picture_missing": "the picture is not in the data file: open the post and save it",
		"picture_changed": "the picture is no longer the one validated",
		"picture_format":  "the destination does not take this kind of picture (JPEG or PNG)",
		"picture_size":    "the picture is too large for the destination",
		"card_changed":    "the link card's thumbnail is no longer the one validated: refresh the card and validate again",

		"whatsapp_not_linked":    "WhatsApp is not linked: crieur whatsapp link",
		"whatsapp_logged_out":    "WhatsApp logged this device out: link it again",
		"whatsapp_not_connected": "not connected to WhatsApp",
		"whatsapp_no_ack":        "WhatsApp did not confirm the message",
		"whatsapp_rejected":      "WhatsApp refused the message",
		"whatsapp_edit_window":   "too late to edit: WhatsApp allows it only for a short time after publishing",

		"outbox":      "the text to paste could not be written to the outbox",
		"offline":     "the destination is not reached in this run (offline)",
		"interrupted": "crieur stopped before the outcome was known",
		"other":       "unforeseen error",
	},
	Recorded:    "error recorded: “%s”",
	Unforeseen:  " (technical detail: “%s”)",
	Status:      " (HTTP %d)",
	Why:         "%s: %s.",
	Destination: "destination “%s”: %s",
	Attempts: map[string]string{
		"failed":  "✗ send to %s failed: %s",
		"unknown": "? send to %s may have gone: %s",
	},
}
