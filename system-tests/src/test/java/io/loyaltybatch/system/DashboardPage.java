package io.loyaltybatch.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * The gateway's jobs dashboard in a real headless Chromium (Debian's {@code chromium} and {@code chromedriver}),
 * through what a user sees and clicks.
 */
final class DashboardPage implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("chromedriver.binary", "/usr/bin/chromedriver"));

    private final ChromeDriver driver;
    private final String url;

    private DashboardPage(ChromeDriver driver, String url) {
        this.driver = driver;
        this.url = url;
    }

    static boolean browserInstalled() {
        return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    }

    /** A new browser with an empty profile, on the dashboard of the gateway at this port. */
    static DashboardPage open(int gatewayPort, Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // the machine's network is closed: no background, update or sync connections
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--window-size=1440,1000",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        String url = "http://127.0.0.1:" + gatewayPort + "/dashboard/";
        driver.get(url);
        return new DashboardPage(driver, url);
    }

    void signIn(String apiKey, String secretKey) {
        WebElement key = driver.findElement(By.id("apikey"));
        key.clear();
        key.sendKeys(apiKey);
        WebElement secret = driver.findElement(By.id("secretkey"));
        secret.clear();
        secret.sendKeys(secretKey);
        driver.findElement(By.cssSelector("#login button[type=submit]")).click();
    }

    String loginError() {
        return driver.findElement(By.id("login-error")).getText();
    }

    boolean showsJobs() {
        return driver.findElement(By.id("jobs-view")).isDisplayed();
    }

    /** A job's row as the page shows it now, when it shows it. */
    record JobRow(String status, int percent, String progressLabel, String itemsPerSecond, String eta) {}

    Optional<JobRow> job(long jobId) {
        List<WebElement> rows = driver.findElements(By.cssSelector("#jobs tr[data-job-id='" + jobId + "']"));
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<WebElement> cells = rows.get(0).findElements(By.tagName("td"));
        WebElement bar = cells.get(3).findElement(By.cssSelector("[role=progressbar]"));
        return Optional.of(new JobRow(
                cells.get(2).getText(),
                Integer.parseInt(bar.getAttribute("aria-valuenow")),
                bar.getText(),
                cells.get(5).getText(),
                cells.get(6).getText()));
    }

    void openJob(long jobId) {
        driver.findElement(By.cssSelector("#jobs tr[data-job-id='" + jobId + "']"))
                .click();
    }

    String openedJob() {
        return driver.findElement(By.id("job-id")).getText();
    }

    String failedCount() {
        return driver.findElement(By.id("failed-count")).getText();
    }

    /** The failed items table's rows, each as its cells' text, read at one moment (the page redraws it). */
    @SuppressWarnings("unchecked")
    List<List<String>> failedItems() {
        return (List<List<String>>) driver.executeScript("return [...document.querySelectorAll('#failed tbody tr')]"
                + ".map(row => [...row.cells].map(cell => cell.textContent))");
    }

    /** Elements the page would hold only if a value it shows had been taken as markup. */
    int injectedElements() {
        return driver.findElements(By.cssSelector("main img, main script, main iframe"))
                .size();
    }

    void filterFailed(String code, String text) {
        new Select(driver.findElement(By.id("filter-code"))).selectByValue(code);
        WebElement contains = driver.findElement(By.id("filter-text"));
        contains.clear();
        contains.sendKeys(text);
    }

    boolean canRetry() {
        return driver.findElement(By.id("retry")).isEnabled();
    }

    boolean canStop() {
        return driver.findElement(By.id("stop")).isEnabled();
    }

    void reload() {
        driver.get(url);
    }

    Path screenshot(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
