// JIT loading with ORC LLJIT. The module arrives optimised (LLJIT itself does not optimise).
#include "Jit.h"

#include "NativeModuleImpl.h"

#include <fmt/format.h>
#include <llvm/ExecutionEngine/Orc/ExecutionUtils.h>
#include <llvm/ExecutionEngine/Orc/LLJIT.h>

#include <dlfcn.h>

namespace tvmscript {

struct JitModule::Impl {
  std::unique_ptr<llvm::orc::LLJIT> jit;
};

JitModule::JitModule(std::unique_ptr<Impl> impl) : Pimpl(std::move(impl)) {}
JitModule::~JitModule() = default;

std::variant<std::unique_ptr<JitModule>, std::string> JitModule::load(NativeModule module) {
  NativeModule::Impl &native = module.impl();
  // What compiled code may call beyond libc: libm's vector variants and the OpenMP runtime,
  // made global so that the process search below finds them. RTLD_NODELETE: libgomp's worker
  // threads outlive the run, so the library must stay mapped until the process ends (LLVM's
  // own library list would dlclose it during static destruction, under those threads).
  for (const char *library : {"libmvec.so.1", "libgomp.so.1"}) {
    if (!dlopen(library, RTLD_NOW | RTLD_GLOBAL | RTLD_NODELETE) && library[3] == 'g' && native.usesOpenMP)
      return fmt::format("cannot load {}: {}", library, dlerror());
  }
  llvm::orc::JITTargetMachineBuilder machine(native.target->getTargetTriple());
  machine.setCPU(native.target->getTargetCPU().str());
  machine.addFeatures({native.target->getTargetFeatureString().str()});
  machine.setCodeGenOptLevel(native.target->getOptLevel());
  auto jit = llvm::orc::LLJITBuilder().setJITTargetMachineBuilder(std::move(machine)).create();
  if (!jit) return "cannot start the JIT: " + llvm::toString(jit.takeError());
  auto generator = llvm::orc::DynamicLibrarySearchGenerator::GetForCurrentProcess(
      (*jit)->getDataLayout().getGlobalPrefix());
  if (!generator) return "cannot search this process for symbols: " + llvm::toString(generator.takeError());
  (*jit)->getMainJITDylib().addGenerator(std::move(*generator));
  native.module->setDataLayout((*jit)->getDataLayout());
  llvm::orc::ThreadSafeModule owned(std::move(native.module), std::move(native.context));
  if (auto error = (*jit)->addIRModule(std::move(owned))) return "cannot load the module: " + llvm::toString(std::move(error));
  auto impl = std::make_unique<Impl>();
  impl->jit = std::move(*jit);
  return std::unique_ptr<JitModule>(new JitModule(std::move(impl)));
}

void *JitModule::lookup(const std::string &symbol) {
  auto address = Pimpl->jit->lookup(symbol);
  if (!address) {
    llvm::consumeError(address.takeError());
    return nullptr;
  }
  return address->toPtr<void *>();
}

} // namespace tvmscript
