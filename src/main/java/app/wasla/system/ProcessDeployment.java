package app.wasla.system;

import app.wasla.engine.EngineSetup;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.Deployment;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys the analysts' files, {@code processes/*.bpmn|*.dmn} and {@code forms/*.form|*.html}
 * (Camunda Forms and embedded forms, deployed as {@code forms/<name>}, which a form key names),
 * right after the engine is built and before any job runs. Reads the top-level folders of the
 * working directory when they exist (edit, restart, done) and the copies packaged in the jar
 * otherwise. Duplicate filtering makes an unchanged file no new version.
 */
@Component
public class ProcessDeployment implements EngineSetup {

  static final String DEPLOYMENT_NAME = "wasla";
  private static final Logger log = LoggerFactory.getLogger(ProcessDeployment.class);

  private final String processesDir;
  private final String formsDir;

  ProcessDeployment(
      @Value("${wasla.deployment.processes-dir:processes}") String processesDir,
      @Value("${wasla.deployment.forms-dir:forms}") String formsDir) {
    this.processesDir = processesDir;
    this.formsDir = formsDir;
  }

  @Override
  public void afterBuild(ProcessEngine engine) {
    List<Resource> resources = new ArrayList<>();
    resources.addAll(find(processesDir, "processes", "*.bpmn", "*.dmn"));
    resources.addAll(find(formsDir, "forms", "*.form", "*.html"));
    if (resources.isEmpty()) {
      log.warn("No BPMN, DMN or form files found in {}/ or {}/", processesDir, formsDir);
      return;
    }
    DeploymentBuilder deployment =
        engine
            .getRepositoryService()
            .createDeployment()
            .name(DEPLOYMENT_NAME)
            .source("wasla")
            .enableDuplicateFiltering(true);
    for (Resource resource : resources) {
      String name = resource.getFilename();
      String folder = name.endsWith(".form") || name.endsWith(".html") ? "forms/" : "processes/";
      try (InputStream in = resource.getInputStream()) {
        deployment.addInputStream(
            folder + resource.getFilename(), new java.io.ByteArrayInputStream(in.readAllBytes()));
      } catch (IOException e) {
        throw new IllegalStateException("cannot read " + resource, e);
      }
    }
    Deployment result = deployment.deploy();
    log.info(
        "Deployed {} file(s) from {}/ and {}/ as deployment {}",
        resources.size(),
        processesDir,
        formsDir,
        result.getId());
  }

  private static List<Resource> find(String dir, String classpathFolder, String... patterns) {
    PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
    boolean onDisk = new java.io.File(dir).isDirectory();
    List<Resource> found = new ArrayList<>();
    for (String pattern : patterns) {
      String location =
          onDisk ? "file:" + dir + "/" + pattern : "classpath*:" + classpathFolder + "/" + pattern;
      try {
        for (Resource r : resolver.getResources(location)) {
          if (r.exists() && r.getFilename() != null) {
            found.add(r);
          }
        }
      } catch (IOException e) {
        throw new IllegalStateException("cannot list " + location, e);
      }
    }
    found.sort(java.util.Comparator.comparing(Resource::getFilename));
    return found;
  }
}
