"""Articles written for these tests (not taken from any outlet)."""

WIRE_DE = """BERLIN (sw) - Bundeskanzler Olaf Scholz reist am Donnerstag zu einem kurzfristig angesetzten Treffen mit dem französischen Präsidenten Emmanuel Macron nach Paris.
Im Mittelpunkt sollen die Energiepreise, die Hilfe für die Ukraine und die geplante Reform der europäischen Schuldenregeln stehen, teilte ein Regierungssprecher am Dienstag in Berlin mit.
Nach dem Gespräch im Élysée-Palast ist eine gemeinsame Pressekonferenz der beiden geplant. Am Abend will Scholz nach Berlin zurückkehren.
Es ist das dritte Treffen der beiden in diesem Jahr. Zuletzt hatten sie sich im März am Rande des EU-Gipfels in Brüssel gesprochen, wo es Streit über die Atomkraft gegeben hatte.
Beobachter erwarten, dass Scholz und Macron auch über die gemeinsame Rüstungsplanung sprechen, bei der es zuletzt kaum Fortschritte gab."""

# The same wire story as printed by another outlet: boilerplate, a byline and small edits.
WIRE_DE_COPY = """Zum Inhalt springen
Von Anna Berger
BERLIN (sw) - Bundeskanzler Olaf Scholz reist am Donnerstag zu einem kurzfristig angesetzten Treffen mit dem französischen Staatschef Emmanuel Macron nach Paris.
Im Mittelpunkt sollen die Energiepreise, die Hilfe für die Ukraine und die geplante Reform der europäischen Schuldenregeln stehen, teilte ein Regierungssprecher am Dienstag in Berlin mit.
Nach dem Gespräch im Élysée-Palast ist eine gemeinsame Pressekonferenz geplant. Am Abend will der Kanzler nach Berlin zurückkehren.
Es ist das dritte Treffen der beiden in diesem Jahr. Zuletzt hatten sie sich im März am Rande des EU-Gipfels in Brüssel gesprochen, wo es Streit über die Atomkraft gegeben hatte.
Beobachter erwarten, dass Scholz und Macron auch über die gemeinsame Rüstungsplanung sprechen, bei der es zuletzt kaum Fortschritte gab.
Foto: Kay Nietfeld/dpa
Teilen auf Facebook"""

# Only the lead, as a feed summary carries it.
WIRE_DE_LEAD = """BERLIN (sw) - Bundeskanzler Olaf Scholz reist am Donnerstag zu einem kurzfristig angesetzten Treffen mit dem französischen Präsidenten Emmanuel Macron nach Paris.
Im Mittelpunkt sollen die Energiepreise, die Hilfe für die Ukraine und die geplante Reform der europäischen Schuldenregeln stehen, teilte ein Regierungssprecher am Dienstag in Berlin mit."""

# The same story, rewritten by an outlet in its own words.
REWRITE_DE = """Paris-Reise: Scholz trifft Macron
Olaf Scholz fliegt am Donnerstag überraschend nach Paris. Der Kanzler will mit Emmanuel Macron vor allem über Energie, die Unterstützung der Ukraine und neue Schuldenregeln für Europa reden.
Ein Sprecher der Bundesregierung kündigte den Besuch an. Nach ihrem Gespräch wollen Scholz und Macron vor die Presse treten.
Das Verhältnis zwischen Berlin und Paris gilt seit dem Streit über die Atomkraft als angespannt."""

# The English version of the wire story (another language is another story in this pipeline).
WIRE_EN = """BERLIN (sw) - German Chancellor Olaf Scholz will travel to Paris on Thursday for a hastily arranged meeting with French President Emmanuel Macron.
Energy prices, aid for Ukraine and the planned reform of the European debt rules will be at the centre of the talks, a government spokesman said in Berlin on Tuesday.
A joint press conference is planned after the meeting at the Élysée Palace. Scholz intends to return to Berlin in the evening.
It is the third meeting of the two this year. They last spoke in March on the sidelines of the EU summit in Brussels, where they clashed over nuclear power.
Observers expect Scholz and Macron also to discuss joint defence procurement, where there has been little progress recently."""

# The English story rewritten by a second outlet.
REWRITE_EN = """Scholz heads to Paris for talks with Macron
Olaf Scholz is flying to Paris on Thursday to see Emmanuel Macron. The German leader and his French counterpart are expected to focus on energy, support for Ukraine and new fiscal rules for Europe, according to Berlin.
Relations between Scholz and Macron have been strained since the row over nuclear power, and both men will address the press after the talks."""

# Unrelated articles.
OTHER_EN = """TOKYO (sw) - Japan's central bank left interest rates unchanged on Wednesday and said it would keep buying government bonds at the current pace.
Governor Kazuo Ueda told reporters that wages were rising faster than expected but that inflation had not yet settled at the bank's target of two percent.
Analysts had expected no change. The yen weakened slightly after the decision, while shares in Tokyo closed higher for a third day."""

OTHER_DE = """MÜNCHEN (sw) - Nach tagelangem Regen sind in Teilen Bayerns Flüsse über die Ufer getreten. Besonders betroffen war der Landkreis Rosenheim, wo Feuerwehren Keller leerpumpten und Straßen sperrten.
Der Deutsche Wetterdienst rechnet bis zum Wochenende mit weiteren Niederschlägen. Die Pegel an Inn und Mangfall sollen am Freitag ihren Höchststand erreichen.
Verletzt wurde nach Angaben der Polizei niemand."""

# The next step of the same gathering, a day later, in another outlet's words: the meeting is
# called off. Same people, same place, another report.
CANCELLED_DE = """Absage in letzter Minute
Olaf Scholz hat seine für Donnerstag geplante Reise nach Paris abgesagt. Das Treffen mit Emmanuel Macron findet nicht statt.
Im Bundestag ziehen sich die Haushaltsberatungen bis in die Nacht, die Koalition braucht jede Stimme. Ein neuer Termin steht noch nicht fest.
Die Opposition sprach von einem Fehlstart, im Élysée war von Bedauern die Rede."""

CANCELLED_EN = """Scholz scraps Paris trip
Olaf Scholz has called off his trip to Paris planned for Thursday. The meeting with Emmanuel Macron will not take place.
Budget negotiations in the Bundestag are running late into the night and the coalition needs every vote. No new date has been set.
The opposition called it a false start; the Élysée said it regretted the decision."""

# About one of the same people on the same days, but reporting no gathering at all.
SPEECH_DE = """PARIS (sw) - Der französische Präsident Emmanuel Macron hat im Fernsehen seine Rentenreform verteidigt. Frankreich müsse länger arbeiten, um den Sozialstaat zu erhalten, sagte Macron am Mittwochabend.
Die Gewerkschaften kündigten neue Streiks an. In mehreren Städten gingen Tausende gegen die Reform auf die Straße, in Lyon und Marseille kam es zu Zusammenstößen mit der Polizei.
Die Opposition warf Macron vor, das Land zu spalten. Umfragen zufolge lehnt eine Mehrheit der Franzosen die Reform ab.
In Berlin wurde die Rede aufmerksam verfolgt."""
