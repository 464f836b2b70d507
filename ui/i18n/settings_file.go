package i18n

// SettingsWords are what the settings file says, in one language: the
// template a new file is written from (a text/template over the settings,
// see settings.Words), the day names of its slots, the name of the
// copy-and-paste destination, and the notes the desk's own edits add. The
// keys and the values the program reads (kind = "manual", "append") stay
// as they are in every language.
type SettingsWords struct {
	Template                    string
	Weekdays                    [7]string
	Manual                      string
	WhatsAppNote, ManualOffNote string
	Newsroom                    string
}

var settingsEN = SettingsWords{
	Template: `# crieur settings. Lines starting with # are comments.
# Secrets (tokens, keys) never go here.

[desk]
# Your name, recorded when you validate a post. Empty: the system user.
name = {{toml .Desk.Name}}
# "fr" or "en". Empty: follow the locale (LANG, LC_ALL).
language = {{toml .Desk.Language}}
# Time zone of the week's slots and of every date shown.
timezone = {{toml .Desk.Timezone}}

[channel]
# The channel's name and follower count, as the phone preview shows them.
name = {{toml .Channel.Name}}
followers = {{toml .Channel.Followers}}
# The city's name, as the sample week says it.
city = {{toml .Channel.City}}
# Links must point to one of these domains (or a subdomain).
allowed_domains = {{toml .Channel.AllowedDomains}}
# Where the link goes in the text that is sent: "append" puts it on its own
# line at the end unless the body already contains it; "none" leaves the
# body as it is.
link_rule = {{toml .Channel.LinkRule}}
# Tracking parameters added to the links of the allowed domains in the text
# that is sent, for the city's analytics; {week} is the week of the post's
# slot. Empty: none. For example, as cities often measure it:
#   utm_source=whatsapp&utm_medium=social&utm_campaign={week}
utm = {{toml .Channel.UTM}}

[preview]
# Width of the phone preview, in terminal columns.
width = {{toml .Preview.Width}}
# Characters shown before WhatsApp cuts a long message with "Read more".
read_more = {{toml .Preview.ReadMore}}

[week]
# The week's slots: a weekday and a local time each, as "tuesday 09:00"
# (French day names work too).
slots = {{slots .Week.Slots}}

# Where the posts go: one [[destination]] table each, and each slot sends
# to all of them. Kind "manual" copies the text for you to paste in WhatsApp.
# Tokens never go here: set CRIEUR_TELEGRAM_TOKEN and CRIEUR_WEBHOOK_SECRET
# in the environment or in secrets.env beside this file (chmod 600).
{{destinations .Destinations}}
# [[destination]]
# name = "telegram"
# kind = "telegram"
# chat_id = "@valbourg"
# # The Bot API server; empty for Telegram's own.
# api_base = ""

# [[destination]]
# name = "automation"
# kind = "webhook"
# url = "https://hooks.example.org/crieur"

# The WhatsApp Channel itself, with this desk linked as a device of an
# admin's account: "crieur whatsapp link", then "crieur whatsapp channels"
# writes this table for you. Keep the copy-and-paste destination only if
# you also paste by hand.
# [[destination]]
# name = "whatsapp"
# kind = "whatsapp"
# channel = "120363000000000000@newsletter"
# channel_name = "Ville de Valbourg"

# The categories of posts the editor offers, in this order. Each may carry
# a label per language, in a labels table with the keys fr and en; without
# one it shows as the desk names it, or as typed. Posts keep their
# category whatever this list says.
{{categories .Categories}}
# The feeds the meeting's topics come from: "crieur feeds fetch" (and the
# open desk, every few hours) adds their new entries as ideas.
{{if .Feeds}}{{feeds .Feeds}}{{else}}# [[feed]]
# name = "Site de la ville"
# url = "https://www.valbourg.fr/actualites.rss"
{{end}}
# The team: the meeting lists them as attendees and writers. A role is
# "writer", "validator" or "admin"; a key is for the team desk only.
{{if .Members}}{{members .Members}}{{else}}# [[member]]
# name = "Camille Durand"
# role = "validator"
# key = ""
{{end}}
[validation]
# A post whose topic the meeting approved for this week says so in its
# validation; on the team desk, its author may then validate it if they are
# a validator.
topic_approval = {{toml .Validation.TopicApproval}}
# On the team desk, a post is validated by someone other than its last
# author (the meeting's approval of its topic aside).
four_eyes = {{toml .Validation.FourEyes}}

[meeting]
# A post validated less than this before its reserved slot is not queued by
# itself: the desk says so and a person decides.
lead = {{toml .Meeting.Lead}}
`,
	Weekdays:      [7]string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"},
	Manual:        "manual",
	WhatsAppNote:  "The WhatsApp Channel this desk posts to as a linked device.",
	ManualOffNote: "Turned off when the WhatsApp channel was chosen: the desk posts there itself.",
	Newsroom:      "The newsroom",
}

var settingsFR = SettingsWords{
	Template: `# Réglages de crieur. Les lignes qui commencent par # sont des commentaires.
# Les secrets (jetons, clés) n’y figurent jamais.

[desk]
# Votre nom, enregistré quand vous validez une publication. Vide : le nom
# complet du compte du système, sinon « La rédaction » (jamais root ni
# Administrator).
name = {{toml .Desk.Name}}
# "fr" ou "en". Vide : la langue du système (LANG, LC_ALL).
language = {{toml .Desk.Language}}
# Fuseau horaire des créneaux de la semaine et de toutes les dates.
timezone = {{toml .Desk.Timezone}}

[channel]
# Le nom de la chaîne et son nombre d’abonnés, tels que l’aperçu
# téléphone les montre.
name = {{toml .Channel.Name}}
followers = {{toml .Channel.Followers}}
# Le nom de la ville, tel que la semaine d’exemple le dit.
city = {{toml .Channel.City}}
# Les liens doivent pointer vers l’un de ces domaines (ou un sous-domaine).
allowed_domains = {{toml .Channel.AllowedDomains}}
# Où va le lien dans le texte envoyé : "append" le met sur sa propre ligne,
# à la fin, sauf si le texte le contient déjà ; "none" laisse le texte tel
# quel.
link_rule = {{toml .Channel.LinkRule}}
# Paramètres de suivi ajoutés aux liens des domaines autorisés dans le texte
# envoyé, pour les statistiques de la ville ; {week} est la semaine du
# créneau de la publication. Vide : aucun. Par exemple, comme les villes
# le mesurent souvent :
#   utm_source=whatsapp&utm_medium=social&utm_campaign={week}
utm = {{toml .Channel.UTM}}

[preview]
# Largeur de l’aperçu téléphone, en colonnes du terminal.
width = {{toml .Preview.Width}}
# Nombre de caractères affichés avant que WhatsApp coupe un long message
# par « Lire la suite ».
read_more = {{toml .Preview.ReadMore}}

[week]
# Les créneaux de la semaine : un jour et une heure locale chacun, comme
# "mardi 09:00" (les noms anglais des jours marchent aussi).
slots = {{slots .Week.Slots}}

# Où partent les publications : une table [[destination]] chacune, et chaque
# créneau envoie à toutes. Le kind "manual" copie le texte pour que vous le
# colliez dans WhatsApp. Les jetons n’y figurent jamais : définissez
# CRIEUR_TELEGRAM_TOKEN et CRIEUR_WEBHOOK_SECRET dans l’environnement ou
# dans secrets.env, à côté de ce fichier (chmod 600).
{{destinations .Destinations}}
# [[destination]]
# name = "telegram"
# kind = "telegram"
# chat_id = "@valbourg"
# # Le serveur de la Bot API ; vide pour celui de Telegram.
# api_base = ""

# [[destination]]
# name = "automatisation"
# kind = "webhook"
# url = "https://hooks.example.org/crieur"

# La chaîne WhatsApp elle-même, ce bureau étant lié comme appareil du
# compte d’un administrateur : "crieur whatsapp link", puis
# "crieur whatsapp channels" écrit cette table pour vous. Ne gardez la
# destination par copier-coller que si vous collez aussi à la main.
# [[destination]]
# name = "whatsapp"
# kind = "whatsapp"
# channel = "120363000000000000@newsletter"
# channel_name = "Ville de Valbourg"

# Les catégories de publication que l’éditeur propose, dans cet ordre.
# Chacune peut avoir un libellé par langue, dans une table labels aux clés
# fr et en ; sans libellé elle s’affiche comme le bureau la nomme, ou telle
# quelle. Les publications gardent leur catégorie, quoi que dise cette
# liste.
{{categories .Categories}}
# Les flux d’où viennent les sujets de la réunion : "crieur feeds fetch" (et
# le bureau ouvert, toutes les quelques heures) en ajoute les nouveautés
# comme idées.
{{if .Feeds}}{{feeds .Feeds}}{{else}}# [[feed]]
# name = "Site de la ville"
# url = "https://www.valbourg.fr/actualites.rss"
{{end}}
# L’équipe : la réunion la liste comme présents et rédacteurs. Un rôle est
# "writer" (rédaction), "validator" (validation) ou "admin" ; une clé ne
# sert qu’au bureau d’équipe.
{{if .Members}}{{members .Members}}{{else}}# [[member]]
# name = "Camille Durand"
# role = "validator"
# key = ""
{{end}}
[validation]
# Une publication dont la réunion a approuvé le sujet pour la semaine le dit
# dans sa validation ; au bureau d’équipe, son auteur peut alors la valider
# s’il valide.
topic_approval = {{toml .Validation.TopicApproval}}
# Au bureau d’équipe, une publication est validée par quelqu’un d’autre que
# sa dernière plume (l’approbation de son sujet par la réunion mise à part).
four_eyes = {{toml .Validation.FourEyes}}

[meeting]
# Une publication validée moins de ce délai avant son créneau réservé ne part
# pas d’elle-même : le bureau le dit et quelqu’un décide.
lead = {{toml .Meeting.Lead}}
`,
	Weekdays:      [7]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"},
	Manual:        "copier-coller",
	WhatsAppNote:  "La chaîne WhatsApp où ce bureau publie, comme appareil connecté.",
	ManualOffNote: "Désactivée quand la chaîne WhatsApp a été choisie : le bureau y publie lui-même.",
	Newsroom:      "La rédaction",
}

// settingsProblemsFR says in French what the settings' checks found wrong,
// by the English format the settings package gives. English says the
// formats themselves.
var settingsProblemsFR = map[string]string{
	"%s":                 "%s",
	"line %d: %s":        "ligne %d : %s",
	"unknown setting %s": "réglage inconnu : %s",
	"week.slots: %s":     "week.slots : %s",
	"slot %q: %q is not a time of day on the 24-hour clock, as 09:00 or 21:30":                                          "créneau « %s » : « %s » n’est pas une heure sur vingt-quatre heures, comme 09:00 ou 21:30",
	"slots %q and %q are the same slot":                                                                                 "les créneaux « %s » et « %s » sont le même créneau",
	"slot %q falls in the time that %s skips when the clocks go forward: that day it does not exist; pick another time": "le créneau « %s » tombe dans l’heure que %s saute au passage à l’heure d’été : ce jour-là il n’existe pas ; choisissez une autre heure",
	"slot %q falls in the time that %s repeats when the clocks go back: that day it happens twice; pick another time":   "le créneau « %s » tombe dans l’heure que %s répète au passage à l’heure d’hiver : ce jour-là il a lieu deux fois ; choisissez une autre heure",
	"slot %q: %q is not a weekday":                                                          "créneau « %s » : « %s » n’est pas un jour de la semaine",
	"slot %q: write a weekday and a time, as \"tuesday 09:00\"":                             "créneau « %s » : écrivez un jour et une heure, comme \"mardi 09:00\"",
	"desk.language is %q; use \"fr\", \"en\" or \"\"":                                       "desk.language vaut « %s » : choisissez \"fr\", \"en\" ou \"\"",
	"desk.timezone %q is not a known time zone (e.g. \"Europe/Paris\")":                     "desk.timezone « %s » n’est pas un fuseau horaire connu (par ex. \"Europe/Paris\")",
	"channel.link_rule is %q; use \"append\" or \"none\"":                                   "channel.link_rule vaut « %s » : choisissez \"append\" ou \"none\"",
	"channel.followers cannot be negative":                                                  "channel.followers ne peut pas être négatif",
	"preview.width is %d; use 24 to 80":                                                     "preview.width vaut %d : choisissez de 24 à 80",
	"preview.read_more is %d; use 100 or more":                                              "preview.read_more vaut %d : choisissez 100 ou plus",
	"channel.allowed_domains has %q; write bare domains like \"valbourg.fr\"":               "channel.allowed_domains contient « %s » : écrivez les domaines seuls, comme \"valbourg.fr\"",
	"no destination; keep at least the manual one ([[destination]] with kind = \"manual\")": "aucune destination : gardez au moins celle par copier-coller ([[destination]] avec kind = \"manual\")",
	"destination %d needs a name, without spaces around it (e.g. name = \"telegram\")":      "la destination %d doit avoir un nom, sans espace autour (par ex. name = \"telegram\")",
	"destination name %q is given twice; each destination needs its own":                    "le nom de destination « %s » est donné deux fois : chaque destination a le sien",
	"destination %q (telegram) needs chat_id, e.g. \"@valbourg\"":                           "la destination « %s » (telegram) demande chat_id, par ex. \"@valbourg\"",
	"destination %q: api_base must be an https address (the bot's token travels in it); http is taken only for this machine, 127.0.0.1 or localhost, for tests": "destination « %s » : api_base doit être une adresse https (le jeton du bot y circule) ; http n’est accepté que vers cette machine, 127.0.0.1 ou localhost, pour les tests",
	"destination %q (webhook) needs url, an http(s) address":                                                                         "la destination « %s » (webhook) demande url, une adresse http(s)",
	"destination %q (whatsapp) needs channel, the channel's id as \"120363...@newsletter\"; \"crieur whatsapp channels\" lists them": "la destination « %s » (whatsapp) demande channel, l’identifiant de la chaîne comme \"120363...@newsletter\" ; \"crieur whatsapp channels\" les liste",
	"destination %q needs a kind: \"manual\", \"telegram\", \"webhook\" or \"whatsapp\"":                                             "la destination « %s » demande un kind : \"manual\", \"telegram\", \"webhook\" ou \"whatsapp\"",
	"destination %q has kind %q; use \"manual\", \"telegram\", \"webhook\" or \"whatsapp\"":                                          "la destination « %s » a le kind « %s » : choisissez \"manual\", \"telegram\", \"webhook\" ou \"whatsapp\"",
	"destination %q: chat_id and api_base are for telegram only":                                                                     "destination « %s » : chat_id et api_base ne valent que pour telegram",
	"destination %q: url is for webhook only":                                                                                        "destination « %s » : url ne vaut que pour webhook",
	"destination %q: channel and channel_name are for whatsapp only":                                                                 "destination « %s » : channel et channel_name ne valent que pour whatsapp",
	"%d whatsapp destinations; crieur sends to one WhatsApp Channel, keep one":                                                       "%d destinations whatsapp : crieur publie sur une seule chaîne WhatsApp, gardez-en une",
	"%q is not a WhatsApp Channel id (\"120363...@newsletter\")":                                                                     "« %s » n’est pas un identifiant de chaîne WhatsApp (\"120363...@newsletter\")",
	"%s: the channel could not be written in; add it by hand":                                                                        "%s : la chaîne n’a pas pu y être écrite ; ajoutez-la à la main",
	"the destinations are not written as [[destination]] tables; set channel = %s by hand":                                           "les destinations ne sont pas écrites en tables [[destination]] : mettez channel = %s à la main",
	"member %d needs a name, without spaces around it (e.g. name = \"Camille Durand\")":                                              "le membre %d doit avoir un nom, sans espace autour (par ex. name = \"Camille Durand\")",
	"member %q has role %q; use \"writer\", \"validator\" or \"admin\"":                                                              "le membre « %s » a le rôle « %s » : choisissez \"writer\", \"validator\" ou \"admin\"",
	"member %q is listed twice": "le membre « %s » est listé deux fois",
	"member %q: key is a public key on one line, as \"ssh-ed25519 AAAA… name@machine\"": "membre « %s » : key est une clé publique sur une ligne, comme \"ssh-ed25519 AAAA… nom@machine\"",
	"feed %d needs a name, without spaces around it (e.g. name = \"Site de la ville\")": "le flux %d doit avoir un nom, sans espace autour (par ex. name = \"Site de la ville\")",
	"feed name %q is given twice; each feed needs its own":                              "le nom de flux « %s » est donné deux fois : chaque flux a le sien",
	"feed %q needs url, an http(s) address":                                             "le flux « %s » demande url, une adresse http(s)",
	"channel.utm: the only placeholder is {week}":                                       "channel.utm : la seule variable est {week}",
	"channel.utm has a parameter without a name":                                        "channel.utm a un paramètre sans nom",
	"channel.utm is %q; write parameters as \"utm_source=whatsapp&utm_medium=social\"":  "channel.utm vaut « %s » : écrivez les paramètres comme \"utm_source=whatsapp&utm_medium=social\"",
	"channel.utm is not a query string: %v":                                             "channel.utm n’est pas une chaîne de paramètres : %v",
	"meeting.lead is %q; write a duration from 0m to 72h, as \"3h\" or \"90m\"":         "meeting.lead vaut « %s » : écrivez une durée de 0m à 72h, comme \"3h\" ou \"90m\"",
	"category %d needs a name, without spaces around it (e.g. name = \"culture\")":      "la catégorie %d doit avoir un nom, sans espace autour (par ex. name = \"culture\")",
	"category %q is listed twice":                                                       "la catégorie « %s » est listée deux fois",
	"category %q: its %s label is empty":                                                "catégorie « %s » : son libellé %s est vide",
	"%s: the team could not be written in; add it by hand":                              "%s : l’équipe n’a pas pu y être écrite ; ajoutez-la à la main",
	"%s: the answers could not be written in; change the file by hand":                  "%s : les réponses n’ont pas pu y être écrites ; modifiez le fichier à la main",
	"member %q has language %q; use \"fr\", \"en\" or \"\"":                             "le membre « %s » a la langue « %s » : choisissez \"fr\", \"en\" ou \"\"",
}
