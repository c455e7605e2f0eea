namespace Pathways.Tests.Packs;

/// <summary>
/// The figures and citation years of STAR's background note, committed so that the pack is held to the note on
/// every clone, also where the note itself (../shared/seed/) is not beside the repository.
/// </summary>
/// <remarks>
/// Each figure and year is copied from the note together with the sentence it stands in. The sentences are the
/// note's scanned text exactly as it is (æ, ø and å lost, scan errors kept; only line breaks are joined), so that
/// <see cref="BuiltInPackTests"/> can check every one of them against the note wherever the note is present.
/// To add a number to a Danish text of the pack, first add it here with its sentence.
/// </remarks>
internal static class NoteFacts
{
    /// <summary>The note's file name under ../shared/seed/.</summary>
    public const string NoteFileName = "000_27cf038b1c67b3b8.txt";

    /// <summary>Every number the pack's Danish texts may use: the figure as the pack writes it, the note's sentence, what it is.</summary>
    public static readonly Figure[] Figures =
    {
        new("1", "1. Virksomhedsrettede indsatser virker... ...ogsa for borgere med", "the note's conclusion 1"),
        new("2", "Ad 2. ...0gsa for borgere med psykiske lidelser nar det kombineres med behandling og stgtte", "the note's conclusion 2 (its heading)"),
        new("3", "3. Lentimer kan vare en traedesten til arbejdsmarkedet — og kan fore", "the note's conclusion 3"),
        new("4", "4. Sagsbehandleres tro pa borgerens muligheder kan gere en forskel 5.", "the note's conclusion 4"),
        new("5", "5. Fé& sager per sagsbehandler giver bedre indsats Ad 1.", "the note's conclusion 5"),
        new("5", "Analysen viser, at jo mere for@ldrene arbejder under barnets opvakst (5-14 ar), desto mindre er risikoen for, at barnet selv ender uden arbejde som voksen, (Styrelsen for Arbejdsmarked og Rekruttering, 2023e).", "children aged 5–14 (STAR 2023e)"),
        new("14", "Analysen viser, at jo mere for@ldrene arbejder under barnets opvakst (5-14 ar), desto mindre er risikoen for, at barnet selv ender uden arbejde som voksen, (Styrelsen for Arbejdsmarked og Rekruttering, 2023e).", "children aged 5–14 (STAR 2023e)"),
        new("10", "Beskeaftigelsesindikatorprojektet, som blev gennemfort i 10 jobcentre i perioden 2011-2016, bidrager med vasentlig viden pa dette omrade.", "Beskæftigelsesindikatorprojektet: 10 jobcentres"),
        new("2011", "Beskeaftigelsesindikatorprojektet, som blev gennemfort i 10 jobcentre i perioden 2011-2016, bidrager med vasentlig viden pa dette omrade.", "Beskæftigelsesindikatorprojektet: 2011–2016"),
        new("2016", "Beskeaftigelsesindikatorprojektet, som blev gennemfort i 10 jobcentre i perioden 2011-2016, bidrager med vasentlig viden pa dette omrade.", "Beskæftigelsesindikatorprojektet: 2011–2016"),
        new("13", "Det svarer til en forskel pa knap 13 procentpoint.", "IPS: knap 13 procentpoint"),
        new("14", "Den anden analyse (Styrelsen for Arbejdsmarked og Rekruttering, 2023b) evaluerer det randomiserede kontrollerede forseg, JobFirst, og dokumenterer, at deltagerne over en seksarig periode arbejder cirka 14 % flere timer end kontrolgruppen.", "JobFirst: about 14 % more hours over six years (STAR 2023b)"),
        new("15", "Sammenlignelige konklusioner fremgér af evalueringen af forsgget \"Jobfirst\", som blev gennemfort som et randomiseret kontrolleret forseg i 15 kommuner i perioden 2016-2017.", "JobFirst: 15 municipalities"),
        new("2016", "Sammenlignelige konklusioner fremgér af evalueringen af forsgget \"Jobfirst\", som blev gennemfort som et randomiseret kontrolleret forseg i 15 kommuner i perioden 2016-2017.", "JobFirst: 2016–2017"),
        new("2017", "Sammenlignelige konklusioner fremgér af evalueringen af forsgget \"Jobfirst\", som blev gennemfort som et randomiseret kontrolleret forseg i 15 kommuner i perioden 2016-2017.", "JobFirst: 2016–2017"),
        new("18", "Et dansk randomiseret kontrolleret forsgg har undersegt effekten af IPS for personer i alderen 18 til 64 &r.", "IPS trial: people aged 18 to 64"),
        new("64", "Et dansk randomiseret kontrolleret forsgg har undersegt effekten af IPS for personer i alderen 18 til 64 &r.", "IPS trial: people aged 18 to 64"),
        new("18", "Efter 18 maneder var 59,5 procent af deltagerne i IPS-gruppen kommet i arbejde eller uddannelse, sammenlignet med 46,5 procent i kontrolgruppen, som modtog den almindelige kommunale indsats.", "IPS: after 18 months"),
        new("59,5", "Efter 18 maneder var 59,5 procent af deltagerne i IPS-gruppen kommet i arbejde eller uddannelse, sammenlignet med 46,5 procent i kontrolgruppen, som modtog den almindelige kommunale indsats.", "IPS: 59,5 % in work or education"),
        new("46,5", "Efter 18 maneder var 59,5 procent af deltagerne i IPS-gruppen kommet i arbejde eller uddannelse, sammenlignet med 46,5 procent i kontrolgruppen, som modtog den almindelige kommunale indsats.", "IPS: 46,5 % in the control group"),
        new("26", "De OQkonomiske Rad (2012) viser, at aktivering med lentilskud — seerligt i privat regi — havde en markant positiv effekt pa ledighedsperioden under hgjkonjunkturen 20052007, hvor perioden blev forkortet med 26 uger.", "De Økonomiske Råd: 26 weeks shorter unemployment"),
        new("2005", "De OQkonomiske Rad (2012) viser, at aktivering med lentilskud — seerligt i privat regi — havde en markant positiv effekt pa ledighedsperioden under hgjkonjunkturen 20052007, hvor perioden blev forkortet med 26 uger.", "De Økonomiske Råd: the boom of 2005–2007 (the scan lost the dash)"),
        new("2007", "De OQkonomiske Rad (2012) viser, at aktivering med lentilskud — seerligt i privat regi — havde en markant positiv effekt pa ledighedsperioden under hgjkonjunkturen 20052007, hvor perioden blev forkortet med 26 uger.", "De Økonomiske Råd: the boom of 2005–2007 (the scan lost the dash)"),
        new("70", "Ogsa projektet \"Virksomhedscenter Generation 2\" viser en positiv effekt: Efter 70 uger er en markant sterre andel af deltagerne kommet i fleksjob sammenlignet med kontrolgruppen (Epinion, 2017).", "Virksomhedscenter Generation 2: after 70 weeks"),
        new("78", "(2017) finder en beskeaftigelseseffekt af praktik for aktivitetsparate, og det randomiserede forseg \"JobFirst\" dokumenterer, at andelen med lentimer er cirka otte procentpoint hgjere efter 78 uger for borgere i1 virksomhedsrettet indsats sammenlignet med en kontrolgruppe (Rambell og Metrica, 2018).", "JobFirst: after 78 weeks"),
        new("2017", "Den tredje analyse (Styrelsen for Arbejdsmarked og Rekruttering, 2023c¢) peger pa, at langvarige aktivitetsparate, som fik lentimer 1 2017, i hegjere grad fortsatte med lenarbejde fem ar senere sammenlignet med en referencegruppe, hvor omkring halvdelen arbejdede deltid og en femtedel fuldtid efter fem ar.", "STAR 2023c: paid hours in 2017"),
        new("2023", "Den forste analyse (Styrelsen for Arbejdsmarked og Rekruttering, 2023a) viser, at omkring en tredjedel af de udsatte, som opnar {4 lentimer, gger deres timetal over tid, serligt inden for brancher med mangel pa arbejdskraft, hvor de samtidig opnar flere timer end evrige grupper.", "STAR's five analyses of paid hours, 2023a–e (the year of each is in CitationYears)"),
        new("2012", "SFIs (nu VIVE) litteraturgennemgang fra 2012 (Graversen, 2012) viser steerk evidens for, at privat lentilskud eger beskaftigelsen blandt aktivitetsparate borgere, og Ekspertgruppen fra 2015 nér frem til samme konklusion.", "SFI's review from 2012"),
        new("2015", "SFIs (nu VIVE) litteraturgennemgang fra 2012 (Graversen, 2012) viser steerk evidens for, at privat lentilskud eger beskaftigelsen blandt aktivitetsparate borgere, og Ekspertgruppen fra 2015 nér frem til samme konklusion.", "the Expert Group from 2015"),
        new("2019", "Fa sager per sagsbehandler giver bedre indsats VIVE identificerer i deres litteraturoversigt fra 2019 fem internationale effektstudier, som underseger betydningen af sagsbehandleres caseload for borgernes overgang fra ledighed til beskeftigelse.", "VIVE's review from 2019"),
    };

    /// <summary>Every citation's year (with the note's letter for STAR 2023a–e) and the sentence of the note that gives it.</summary>
    public static readonly CitationYear[] CitationYears =
    {
        new("ekspertgruppen-2015", "2015", "Flere analyser viser, at effekten er storst, nir den virksomhedsrettede indsats kombineres med en koordineret og tvarfaglig indsats, hvor de forskellige aktiviteter hanger sammen og understgtter borgerens vej mod job eller uddannelse (Ekspertgruppen om udredning af den aktive beskaeftigelsesindsats, 2015)."),
        new("arendt-2017", "2017", "VIVE (tidligere KORA) har fundet, at virksomhedsrettede tilbud til aktivitetsparate kontanthjelpsmodtagere oger sandsynligheden for beskaftigelse, og at borgerne ogséd bevager sig fremad i forhold til arbejdsmarkedstilknytning og motivation (Arendt et al., 2017)."),
        new("graversen-2012", "2012", "SFIs (nu VIVE) litteraturgennemgang fra 2012 (Graversen, 2012) viser steerk evidens for, at privat lentilskud eger beskaftigelsen blandt aktivitetsparate borgere, og Ekspertgruppen fra 2015 nér frem til samme konklusion."),
        new("jensen-andersen-2012", "2012", "En gennemgang fra KORA finder ogsé tegn p4, at lentilskud i bade privat og offentlig regi kan gavne udsatte unge, hvis forlebet varer omkring et halvt &r (Jensen & Andersen, 2012)."),
        new("dor-2012", "2012", "De OQkonomiske Rad (2012) viser, at aktivering med lentilskud — seerligt i privat regi — havde en markant positiv effekt pa ledighedsperioden under hgjkonjunkturen 20052007, hvor perioden blev forkortet med 26 uger."),
        new("rosholm-svarer-2020", "2020", "En nyere analyse af Rosholm & Svarer (2020) viser dog, at deltagelse i offentlige lontilskudsordninger eger sandsynligheden for at komme i beskeftigelse — men uden at forbedre beskeeftigelsens varighed eller stabilitet."),
        new("ramboll-metrica-2018", "2018", "(2017) finder en beskeaftigelseseffekt af praktik for aktivitetsparate, og det randomiserede forseg \"JobFirst\" dokumenterer, at andelen med lentimer er cirka otte procentpoint hgjere efter 78 uger for borgere i1 virksomhedsrettet indsats sammenlignet med en kontrolgruppe (Rambell og Metrica, 2018)."),
        new("epinion-2017", "2017", "Ogsa projektet \"Virksomhedscenter Generation 2\" viser en positiv effekt: Efter 70 uger er en markant sterre andel af deltagerne kommet i fleksjob sammenlignet med kontrolgruppen (Epinion, 2017)."),
        new("skipper-2010", "2010", "En eldre analyse af Skipper (2010) finder ingen effekt for ressourcesvage ledige."),
        new("christensen-nordentoft-2011", "2011", "Den dokumenterede effekt af IPS, herunder betydningen af mentorstette, fremgdar blandt andet af Christensen og Nordentoft (2011)."),
        new("christensen-eplov-2018", "2018", "Derudover opndr deltagerne i bade IPS og IPS+ hurtigere tilknytning til arbejdsmarkedet end personer i kontrolgruppen (Christensen og Eplov, 2018)."),
        new("star-2023a", "2023a", "Den forste analyse (Styrelsen for Arbejdsmarked og Rekruttering, 2023a) viser, at omkring en tredjedel af de udsatte, som opnar {4 lentimer, gger deres timetal over tid, serligt inden for brancher med mangel pa arbejdskraft, hvor de samtidig opnar flere timer end evrige grupper."),
        new("star-2023b", "2023b", "Den anden analyse (Styrelsen for Arbejdsmarked og Rekruttering, 2023b) evaluerer det randomiserede kontrollerede forseg, JobFirst, og dokumenterer, at deltagerne over en seksarig periode arbejder cirka 14 % flere timer end kontrolgruppen."),
        new("star-2023c", "2023c", "Den tredje analyse (Styrelsen for Arbejdsmarked og Rekruttering, 2023c¢) peger pa, at langvarige aktivitetsparate, som fik lentimer 1 2017, i hegjere grad fortsatte med lenarbejde fem ar senere sammenlignet med en referencegruppe, hvor omkring halvdelen arbejdede deltid og en femtedel fuldtid efter fem ar."),
        new("star-2023d", "2023d", "Den fjerde analyse (Styrelsen for Arbejdsmarked og Rekruttering, 2023d), der bygger videre pa den forste, viser, at udsatte typisk opnér deres forste lontimer i private, mindre virksomheder inden for sundhed, socialveesen, handel og rengering, hvor stillingerne ofte er mangelomréder."),
        new("star-2023e", "2023e", "Analysen viser, at jo mere for@ldrene arbejder under barnets opvakst (5-14 ar), desto mindre er risikoen for, at barnet selv ender uden arbejde som voksen, (Styrelsen for Arbejdsmarked og Rekruttering, 2023e)."),
        new("rosholm-2024", "2024", "fem analyser fra Styrelsen for Arbejdsmarked og rekruttering samt en analyse af Rosholm (2024) i samarbejde med Vaksthusets forskningscenter."),
        new("vaksthuset-au-2017", "2017", "Resultaterne viser, at fagpersoner, der har hgje forventninger til, at udsatte borgere kan komme i job, alt andet lige opnéar bedre beskaftigelsesresultater sammenlignet med kolleger med lavere forventninger (Vaksthuset Forskningscenter & Aarhus Universitet, 2017)."),
        new("amilon-lindegaard-2019", "2019", "sagsbehandler kan @ge sandsynligheden for, at ledige kommer i beskeaftigelse (Amilon & Lindegaard, 2019)."),
    };

    /// <summary>The note beside the repository (../shared/seed/ next to the folder holding Pathways.sln), or null where it is absent.</summary>
    public static string? NotePath()
    {
        var path = Path.Combine(BuiltInPackTests.RepoRoot(), "..", "shared", "seed", NoteFileName);
        return File.Exists(path) ? Path.GetFullPath(path) : null;
    }

    /// <summary>
    /// The note's text with its line breaks joined: a word split by a hyphen at the end of a line is joined, and
    /// every run of white space becomes one space, so a sentence can be found whole.
    /// </summary>
    public static string Normalize(string text)
    {
        var joined = System.Text.RegularExpressions.Regex.Replace(text, @"(?<=[^\W\d_])-[ \t]*\r?\n\s*", string.Empty);
        return System.Text.RegularExpressions.Regex.Replace(joined, @"\s+", " ");
    }

    public sealed record Figure(string Value, string Sentence, string Meaning);

    public sealed record CitationYear(string Key, string Year, string Sentence);
}
