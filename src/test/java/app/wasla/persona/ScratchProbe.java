package app.wasla.persona;

import org.junit.jupiter.api.Test;

class ScratchProbe {
    @Test
    void probe() throws Exception {
        EmbeddedPersona p = EmbeddedPersona.createDefault();
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/tmp/per-i/probe.txt"))) {
            if (line.isBlank()) continue;
            PersonaResult r = p.respond(PersonaTurn.of("x", line));
            System.out.println("PROBE " + r.summary() + "\n   -> " + r.reply().text().replace("\n", " | "));
        }
    }
}
